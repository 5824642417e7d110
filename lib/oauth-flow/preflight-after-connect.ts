import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { preflightMailbox } from "@/lib/preflight/preflight-mailbox";
import type { PreflightReport } from "@/lib/preflight/preflight-step";
import { storePreflight } from "@/lib/preflight/store-preflight";
import { auditActorOf } from "./audit-actor";
import type { FlowActor } from "./flow-actor";

/** How long a connect waits for its preflight: past it, the person's page comes and the check goes on. */
export const PREFLIGHT_INLINE_MS = 6_000;
/** How long the check may take at all: past it, it is given up and nothing is kept. */
export const PREFLIGHT_AFTER_CONNECT_MS = 30_000;

export type PreflightAfterConnectTimes = { inlineMs?: number; boundMs?: number };

/**
 * Right after a connection is stored, the same preflight as the mailbox's
 * button, so that what would stop the first mail (SMTP AUTH switched off,
 * 5.7.139; a Graph or Gmail API refusal) is on the mailbox page before any
 * mail is written. The connect waits for it a few seconds at most (a teacher
 * reconnecting on a phone should not look at a blank page while a provider
 * is slow): past `inlineMs` it answers without it, and the check goes on and
 * keeps its outcome when it comes. Past `boundMs`, or on an unexpected error,
 * the check is given up and nothing is kept (the button can run it again);
 * the connect succeeds either way. The outcome is kept on the mailbox and
 * audited, as the button's is. Resolves to the report when it came in time.
 */
export async function preflightAfterConnect(
  actor: FlowActor,
  mailbox: { id: string; tenantId: string; address: string },
  { inlineMs = PREFLIGHT_INLINE_MS, boundMs = PREFLIGHT_AFTER_CONNECT_MS }: PreflightAfterConnectTimes = {},
): Promise<PreflightReport | null> {
  // Never rejects: a failure is logged and kept as nothing.
  const check = checkAndKeep(actor, mailbox, boundMs);
  let timer: NodeJS.Timeout | undefined;
  const later = new Promise<"later">((resolve) => {
    timer = setTimeout(() => resolve("later"), inlineMs);
  });
  try {
    const first = await Promise.race([check, later]);
    if (first !== "later") return first;
    logger().info({ mailboxId: mailbox.id }, "preflight after connect: still running, kept when it ends");
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function checkAndKeep(
  actor: FlowActor,
  mailbox: { id: string; tenantId: string; address: string },
  boundMs: number,
): Promise<PreflightReport | null> {
  const startedAt = new Date();
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
    // It may end after the person has run the check again, or revoked the connection: then it is not kept.
    const kept = await db.$transaction((tx) =>
      storePreflight(tx, auditActorOf(actor, mailbox.address), report, "connect", { startedAt }),
    );
    return kept ? report : null;
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
