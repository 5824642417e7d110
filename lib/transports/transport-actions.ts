"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/actions/define-action";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { mailTransports } from "./mail-transports";
import { switchTransport, type SwitchTransportResult } from "./switch-transport";

const switchInput = z.object({
  id: z.string({ error: "errors.validation.invalid" }).max(100, { error: "errors.validation.invalid" }),
  transport: z.enum(mailTransports, { error: "clients.validation.transportInvalid" }),
});

function refreshPages(ctx: TenantContext, result: SwitchTransportResult): SwitchTransportResult {
  revalidatePath(`/t/${ctx.tenantSlug}/clients`, "layout");
  revalidatePath(`/t/${ctx.tenantSlug}/mailboxes`, "layout");
  revalidatePath(`/t/${ctx.tenantSlug}/my-mailboxes`);
  return result;
}

/** Moves a whole configuration to another transport (lib/transports/switch-transport.ts). */
export const switchConfigurationTransportAction = tenantAction(
  "clients.write",
  switchInput,
  async (ctx, { id, transport }) =>
    refreshPages(ctx, await switchTransport(ctx, { target: "configuration", id, transport })),
);

/** Sends one mailbox through another transport than its configuration's, or through its own again. */
export const switchMailboxTransportAction = tenantAction(
  "mailboxes.write",
  switchInput,
  async (ctx, { id, transport }) =>
    refreshPages(ctx, await switchTransport(ctx, { target: "mailbox", id, transport })),
);
