import { getDb, type Db, type DbTransaction } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/** Mails purged by one statement, and statements per run of the workers' chore. */
export const PURGE_BATCH = 500;
export const PURGE_BATCHES_PER_RUN = 4;

/** When a finished mail finished: sent mail by its sentAt, failed and cancelled mail by its last change. */
const finishedAt = (alias: string) =>
  Prisma.raw(
    `(CASE WHEN ${alias}.status = 'sent' THEN COALESCE(${alias}."sentAt", ${alias}."updatedAt") ELSE ${alias}."updatedAt" END)`,
  );

/**
 * One statement: up to `batch` finished mails (sent, failed, cancelled) whose
 * school's retention period (Tenant.mailBodyRetentionDays) has passed since
 * they finished lose their body (text, html, the whole message kept in raw), their
 * subject and their attachments, and are marked purged. Who sent what to whom
 * and when, the Message-ID, the size, the status and the attempts stay.
 *
 * Each school's due mails are an index range (OutgoingMail_body_retention_idx,
 * partial on the unpurged finished mails); rows that another worker holds are
 * skipped, and the conditions are checked again on the locked row (a failed
 * mail retried meanwhile is queued again, not purged). `updatedAt` is left as
 * it is: it stays the time a failed or cancelled mail finished.
 */
async function purgeBatch(db: Db, now: Date, batch: number): Promise<number> {
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH due AS (
      SELECT m.id, t."mailBodyRetentionDays" AS days
        FROM "Tenant" t
        CROSS JOIN LATERAL (
          SELECT o.id FROM "OutgoingMail" o
           WHERE o."tenantId" = t.id
             AND o."bodyPurgedAt" IS NULL
             AND o.status IN ('sent', 'failed', 'cancelled')
             AND ${finishedAt("o")} < ${at} - t."mailBodyRetentionDays" * interval '1 day'
           ORDER BY ${finishedAt("o")}
           LIMIT ${batch}
        ) m
       LIMIT ${batch}
    ), locked AS (
      SELECT o.id, due.days FROM "OutgoingMail" o
        JOIN due ON due.id = o.id
       WHERE o."bodyPurgedAt" IS NULL
         AND o.status IN ('sent', 'failed', 'cancelled')
         AND ${finishedAt("o")} < ${at} - due.days * interval '1 day'
         FOR UPDATE OF o SKIP LOCKED
    ), attachments AS (
      DELETE FROM "OutgoingAttachment" a USING locked WHERE a."mailId" = locked.id
    )
    UPDATE "OutgoingMail" o
       SET text = NULL, html = NULL, raw = NULL, subject = '',
           "bodyPurgedAt" = ${at}, "bodyPurgedAfterDays" = locked.days
      FROM locked
     WHERE o.id = locked.id
    RETURNING o.id`;
  return rows.length;
}

/**
 * The workers' retention chore: a few bounded statements per run, so that a
 * backlog (a school that shortened its period, the first run after an
 * upgrade) drains over several runs without a long transaction. Idempotent;
 * safe from several workers at once. Returns the number of mails purged.
 */
export async function purgeMailBodies({
  now = new Date(),
  batch = PURGE_BATCH,
  batches = PURGE_BATCHES_PER_RUN,
}: { now?: Date; batch?: number; batches?: number } = {}): Promise<number> {
  const db = await getDb();
  let purged = 0;
  for (let i = 0; i < batches; i++) {
    const count = await purgeBatch(db, now, batch);
    purged += count;
    if (count < batch) break;
  }
  return purged;
}

/**
 * Purges now, inside the caller's transaction, the bodies of the given mails
 * that are finished (an erasure: docs/personal-data.md); `bodyPurgedAfterDays`
 * stays null (not the retention period's doing). Returns how many were purged.
 */
export async function purgeMailBodiesNow(tx: DbTransaction, tenantId: string | null, mailIds: string[]) {
  if (mailIds.length === 0) return 0;
  const tenant = tenantId === null ? Prisma.sql`TRUE` : Prisma.sql`o."tenantId" = ${tenantId}::uuid`;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH chosen AS (
      SELECT o.id FROM "OutgoingMail" o
       WHERE o.id = ANY(${mailIds}::uuid[]) AND ${tenant}
         AND o."bodyPurgedAt" IS NULL AND o.status IN ('sent', 'failed', 'cancelled')
         FOR UPDATE OF o
    ), attachments AS (
      DELETE FROM "OutgoingAttachment" a USING chosen WHERE a."mailId" = chosen.id
    )
    UPDATE "OutgoingMail" o
       SET text = NULL, html = NULL, raw = NULL, subject = '', "bodyPurgedAt" = now() AT TIME ZONE 'UTC'
      FROM chosen
     WHERE o.id = chosen.id
    RETURNING o.id`;
  return rows.length;
}
