import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { preflightMailbox } from "@/lib/preflight/preflight-mailbox";
import type { PreflightReport } from "@/lib/preflight/preflight-step";
import { storePreflight } from "@/lib/preflight/store-preflight";

export type {
  PreflightMessage,
  PreflightReport,
  PreflightStatus,
  PreflightStep,
  PreflightStepName,
} from "@/lib/preflight/preflight-step";

/**
 * Tries a mailbox's way out without sending anything, for the people who
 * manage it (the steps: preflightMailbox). The outcome is kept on the mailbox
 * and recorded as `mailbox.preflight`. Nothing else about the mailbox is
 * changed: a failure here holds no mail.
 */
export async function runPreflight(ctx: TenantContext, input: { id: string }): Promise<PreflightReport> {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const report = await preflightMailbox(ctx.tenantId, input.id);
  if (!report) throw notFound();
  const db = await getDb();
  await db.$transaction((tx) => storePreflight(tx, ctx, report, "button"));
  return report;
}
