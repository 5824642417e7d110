"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { getLocale } from "@/lib/i18n/server";
import {
  clientConfigurationFormInput,
  clientConfigurationIdInput,
  updateClientConfigurationInput,
} from "./client-configuration-form";
import { createClientConfiguration } from "./create-client-configuration";
import { deleteClientConfiguration } from "./delete-client-configuration";
import { duplicateClientConfiguration } from "./duplicate-client-configuration";
import { testClientConfiguration } from "./test-client-configuration";
import { updateClientConfiguration } from "./update-client-configuration";

async function refreshClientPages<R>(ctx: TenantContext, result: R): Promise<R> {
  revalidatePath(`/t/${ctx.tenantSlug}/clients`, "layout");
  return result;
}

export const createClientConfigurationAction = tenantAction(
  "clients.write",
  clientConfigurationFormInput,
  async (ctx, input) => refreshClientPages(ctx, await createClientConfiguration(ctx, input)),
);

export const updateClientConfigurationAction = tenantAction(
  "clients.write",
  updateClientConfigurationInput,
  async (ctx, { id, ...form }) => refreshClientPages(ctx, await updateClientConfiguration(ctx, id, form)),
);

export const duplicateClientConfigurationAction = tenantAction(
  "clients.write",
  clientConfigurationIdInput,
  async (ctx, input) =>
    refreshClientPages(ctx, await duplicateClientConfiguration(ctx, input, await getLocale())),
);

export const deleteClientConfigurationAction = tenantAction(
  "clients.write",
  clientConfigurationIdInput,
  async (ctx, input) => refreshClientPages(ctx, await deleteClientConfiguration(ctx, input)),
);

export const testClientConfigurationAction = tenantAction(
  "clients.write",
  clientConfigurationIdInput,
  async (ctx, input) => refreshClientPages(ctx, await testClientConfiguration(ctx, input)),
);
