"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import { configurationPreflightInput } from "@/lib/clients/client-configuration-form";
import { runConfigurationPreflight } from "./run-configuration-preflight";

/** The application's preflight (lib/preflight/run-configuration-preflight.ts): its test, then one mailbox's check. */
export const runConfigurationPreflightAction = tenantAction(
  "clients.write",
  configurationPreflightInput,
  async (ctx, input) => {
    const report = await runConfigurationPreflight(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/clients`, "layout");
    return report;
  },
);
