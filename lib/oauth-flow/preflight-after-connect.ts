import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { preflightMailbox } from "@/lib/preflight/preflight-mailbox";
import type { PreflightReport } from "@/lib/preflight/preflight-step";
import { storePreflight } from "@/lib/preflight/store-preflight";
import { auditActorOf } from "./audit-actor";
import type { FlowActor } from "./flow-actor";

/** How long a connect waits for its preflight before going on without it. */
export const PREFLIGHT_AFTER_CONNECT_MS = 30_000;

/**
 * Right after a connection is stored, the same preflight as the mailbox's
 * button, so that what would stop the first mail (SMTP AUTH switched off,
 * 5.7.139; a Graph or Gmail API refusal) is on the mailbox page before any
 * mail is written. Run inline, bounded: past the bound, or on an unexpected
 * error, the connect still succeeds and nothing is stored (the button can run
 * it again). The outcome is kept on the mailbox and audited, as the button's is.
 */
export async function preflightAfterConnect(
  actor: FlowActor,
  mailbox: { id: string; tenantId: string; address: string },
  boundMs = PREFLIGHT_AFTER_CONNECT_MS,
): Promise<PreflightReport | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), boundMs);
  });
  try {
    const report = await Promise.race([preflightMailbox(mailbox.tenantId, mailbox.id), timeout]);
    if (report === "timeout") {
      logger().warn({ mailboxId: mailbox.id }, "preflight after connect: no answer in time, not stored");
      return null;
    }
    if (!report) return null;
    const db = await getDb();
    await db.$transaction((tx) =>
      storePreflight(tx, auditActorOf(actor, mailbox.address), report, "connect"),
    );
    return report;
  } catch (error) {
    logger().warn(
      { mailboxId: mailbox.id, error: error instanceof Error ? error.name : "unknown" },
      "preflight after connect failed",
    );
    return null;
  } finally {
    clearTimeout(timer);
  }
}
