import { getDb } from "@/lib/db/client";
import type { Log } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import type { ClaimedMail } from "./claim-due-mail";
import type { MailToSend } from "./pick-due-mail";
import { releaseLeases } from "./release-leases";
import { parkUnsendable, sendReserved, type SendOutcome } from "./send-one";
import type { SmtpConnections } from "./smtp-connections";
import { SQL_NOW } from "./sql-now";

export type SendOptions = {
  workerId: string;
  connections: SmtpConnections;
  /** Mails sent at once. */
  concurrency?: number;
  /** Asked between mails: when true, the mails not started yet are handed back to the queue. */
  stopping?: () => boolean;
  log?: Log;
};

/** A leased mail holding a sending slot: ready for the SMTP exchange. */
export type ReadyMail = { mail: MailToSend; attempts: number };

/**
 * Sorts a claimed batch: the mails ready to send, and the outcome of the
 * others by id (mails over a limit are already back in the queue; mails
 * whose mailbox cannot send are held or cancelled here).
 */
export async function prepareClaimedMail(
  claimed: ClaimedMail[],
  workerId: string,
): Promise<{ ready: ReadyMail[]; outcomes: Map<string, SendOutcome> }> {
  const ready: ReadyMail[] = [];
  const outcomes = new Map<string, SendOutcome>();
  await Promise.all(
    claimed.map(async ({ id, mail, attempts, state }) => {
      if (state.kind === "ready") ready.push({ mail, attempts });
      else if (state.kind === "waiting") outcomes.set(id, "waiting");
      else outcomes.set(id, await parkUnsendable(mail, attempts, workerId, state.why));
    }),
  );
  return { ready, outcomes };
}

/** Sends one ready mail; an unexpected error is logged and reported as a lost lease (the mail is retried). */
export function sendReady(
  { mail, attempts }: ReadyMail,
  workerId: string,
  connections: SmtpConnections,
  log: Log,
  onAnswered?: () => void,
): Promise<SendOutcome> {
  return sendReserved(mail, attempts, workerId, connections, log, onAnswered).catch((error: unknown) => {
    log.error(
      { tenantId: mail.tenantId, mailboxId: mail.mailboxId, mailId: mail.id, err: error },
      "Send failed unexpectedly; the mail will be retried",
    );
    return "lease_lost" as const;
  });
}

/** The ids among `ids` this worker still holds, its lease running. */
async function stillLeased(ids: string[], workerId: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "OutgoingMail"
     WHERE id = ANY(${ids}::uuid[]) AND status = 'sending' AND "leaseOwner" = ${workerId}
       AND "leaseExpiresAt" > ${SQL_NOW}`;
  return new Set(rows.map((row) => row.id));
}

/**
 * Sends a batch of claimed mails, however long ago it was claimed: prepared
 * as above, the mails whose lease ran out meanwhile left alone (another
 * worker may have them), then sent `concurrency` at a time over the reused
 * connections. Returns each mail's outcome by id. (The worker's lanes do not
 * ask the database again: they hand back what waited half its lease.)
 */
export async function sendClaimedMail(
  claimed: ClaimedMail[],
  options: SendOptions,
): Promise<Map<string, SendOutcome>> {
  const { workerId, connections, concurrency = 10, stopping = () => false, log = logger() } = options;
  const prepared = await prepareClaimedMail(claimed, workerId);
  const { outcomes } = prepared;
  const leased = await stillLeased(
    prepared.ready.map(({ mail }) => mail.id),
    workerId,
  );
  const ready = prepared.ready.filter(({ mail }) => leased.has(mail.id));
  for (const { mail } of prepared.ready) if (!leased.has(mail.id)) outcomes.set(mail.id, "lease_lost");
  const lane = async () => {
    for (let next = ready.shift(); next; next = ready.shift()) {
      if (stopping()) {
        ready.unshift(next);
        return;
      }
      outcomes.set(next.mail.id, await sendReady(next, workerId, connections, log));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ready.length) }, lane));
  // Stopping: what was not started goes back to the queue at once instead of waiting for its lease to expire.
  if (ready.length > 0)
    await releaseLeases(
      workerId,
      ready.map(({ mail }) => mail.id),
    );
  for (const { mail } of ready) outcomes.set(mail.id, "lease_lost");
  return outcomes;
}

/** One claimed mail, through the same path as a batch. */
export async function sendOne(
  claimed: ClaimedMail,
  workerId: string,
  connections: SmtpConnections,
): Promise<SendOutcome> {
  return (await sendClaimedMail([claimed], { workerId, connections })).get(claimed.id) ?? "lease_lost";
}
