import { NAMED_SQL_NOW } from "@/lib/db/named-sql";
import { processSql } from "@/lib/db/process-sql";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import type { RefusedRecipient } from "@/lib/outbox/refused-recipients";

export type MailChange = {
  status: Exclude<OutgoingMailStatus, "sending">;
  lastError: string | null;
  /** Sent: the server's answer. */
  smtpResponse?: string;
  /** Sent: the recipients the server refused while accepting the others. */
  refusedRecipients?: RefusedRecipient[];
  /** Back in the queue: when to try again (else unchanged). */
  nextAttemptAt?: Date;
  /** Not an attempt at sending (held before trying, waiting for a slot): give back the claim's count. */
  notAnAttempt?: boolean;
};

export type AttemptRecord = {
  tenantId: string;
  number: number;
  startedAt: Date;
  outcome: "sent" | "temporary" | "permanent" | "auth" | "quota" | "config" | "held";
  smtpCode?: number | null;
  smtpResponse?: string | null;
};

type Pending = {
  mailId: string;
  workerId: string;
  change: MailChange;
  attempt: AttemptRecord | null;
  resolve: (moved: boolean) => void;
  reject: (error: unknown) => void;
};

/** One statement settles at most this many mails. */
const MAX_BATCH = 200;

let waiting: Pending[] = [];
let flushing = false;

/**
 * Moves a leased mail out of `sending`, only while this worker still holds
 * the lease, and records the attempt in the same statement. A worker whose
 * lease expired and was taken records `lease_lost` and changes nothing else.
 * Resolves to whether the change applied.
 *
 * Settles are grouped: while one statement runs, the mails finished meanwhile
 * wait and go together in the next one (at most one statement in flight per
 * process), which waits a few milliseconds more for company when few are
 * waiting. Under load a statement and its commit serve dozens of mails; a
 * lone mail still goes at once.
 */
export function settleMail(
  mailId: string,
  workerId: string,
  change: MailChange,
  attempt: AttemptRecord | null,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    waiting.push({ mailId, workerId, change, attempt, resolve, reject });
    if (!flushing) {
      flushing = true;
      // The mails settled in this same turn of the event loop join the first statement.
      setImmediate(() => void flush());
    }
  });
}

/**
 * Under load, after a statement has run, the next one waits this long for
 * company unless this many mails are already waiting: fewer, larger
 * statements (each with its commit), for a few milliseconds of delay.
 */
const GATHER_MS = 8;
const GATHER_TARGET = 32;

async function flush(): Promise<void> {
  let first = true;
  while (waiting.length > 0) {
    if (!first && waiting.length < GATHER_TARGET)
      await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
    first = false;
    const batch = waiting.slice(0, MAX_BATCH);
    waiting = waiting.slice(batch.length);
    try {
      const moved = await settleBatch(batch);
      for (const item of batch) item.resolve(moved.has(item.mailId));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
  flushing = false;
}

/** The row each settled mail contributes to the statement's input (timestamps as UTC text). */
function inputRow({ mailId, workerId, change, attempt }: Pending) {
  return {
    id: mailId,
    owner: workerId,
    status: change.status,
    smtp_response: change.smtpResponse ?? null,
    refused_recipients: change.refusedRecipients ?? null,
    last_error: change.lastError,
    next_attempt_at: change.nextAttemptAt?.toISOString() ?? null,
    give_back: change.notAnAttempt ? 1 : 0,
    logged: attempt !== null,
    tenant_id: attempt?.tenantId ?? null,
    number: attempt?.number ?? null,
    started_at: attempt?.startedAt.toISOString() ?? null,
    outcome: attempt?.outcome ?? null,
    smtp_code: attempt?.smtpCode ?? null,
    attempt_response: attempt?.smtpResponse ?? null,
  };
}

/**
 * One statement for many mails: the lease-guarded update, the mailboxes'
 * "last use" (written at most once a minute per mailbox) and the attempts,
 * `lease_lost` for a mail whose lease had gone. Returns the ids moved.
 */
async function settleBatch(batch: Pending[]): Promise<Set<string>> {
  const sql = await processSql();
  const rows = await sql.query<{ id: string }>("settle_mail", SETTLE, [JSON.stringify(batch.map(inputRow))]);
  return new Set(rows.map((row) => row.id));
}

/** The settle of many mails: $1, their rows as JSON (inputRow). */
const SETTLE = `
    WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
        id uuid, owner text, status text, smtp_response text, refused_recipients jsonb, last_error text,
        next_attempt_at timestamp,
        give_back int, logged boolean, tenant_id uuid, number int, started_at timestamp, outcome text,
        smtp_code int, attempt_response text)),
    moved AS (
      UPDATE "OutgoingMail" m
         SET status = i.status::"OutgoingMailStatus",
             "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
             "sentAt" = CASE WHEN i.status = 'sent' THEN ${NAMED_SQL_NOW} ELSE NULL END,
             "smtpResponse" = COALESCE(i.smtp_response, m."smtpResponse"),
             "refusedRecipients" = CASE WHEN i.status = 'sent' THEN i.refused_recipients
                                        ELSE m."refusedRecipients" END,
             "lastError" = i.last_error,
             "nextAttemptAt" = COALESCE(i.next_attempt_at, m."nextAttemptAt"),
             attempts = m.attempts - i.give_back,
             "updatedAt" = ${NAMED_SQL_NOW}
        FROM input i
       WHERE m.id = i.id AND m.status = 'sending' AND m."leaseOwner" = i.owner
      RETURNING m.id, m."mailboxId", i.status),
    touched AS (
      UPDATE "Mailbox" SET "lastUsedAt" = ${NAMED_SQL_NOW}
       WHERE id IN (SELECT "mailboxId" FROM moved WHERE status = 'sent')
         AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${NAMED_SQL_NOW} - interval '1 minute')),
    logged AS (
      INSERT INTO "DeliveryAttempt"
             ("tenantId", "mailId", number, "workerId", "startedAt", "finishedAt", outcome, "smtpCode", "smtpResponse")
      SELECT i.tenant_id, i.id, i.number, i.owner, i.started_at, ${NAMED_SQL_NOW},
             CASE WHEN EXISTS (SELECT 1 FROM moved WHERE moved.id = i.id) THEN i.outcome ELSE 'lease_lost' END,
             i.smtp_code, i.attempt_response
        FROM input i
       WHERE i.logged)
    SELECT id::text AS id FROM moved`;
