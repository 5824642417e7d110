import { DomainError, notFound } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { visibleMailWhere } from "./mail-sender";

/**
 * A failed mail goes back to the queue, due now, with a fresh count of attempts (same Message-ID).
 * Not once its content is deleted (retention period, erasure): there is nothing left to send.
 */
export async function retryOutgoingMail(ctx: TenantContext, id: string) {
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const where = { ...visibleMailWhere({ kind: "person", ctx }), id };
  const { count } = await db.outgoingMail.updateMany({
    where: { ...where, status: "failed", bodyPurgedAt: null },
    data: { status: "queued", attempts: 0, nextAttemptAt: new Date(), lastError: null },
  });
  if (count === 1) return { id };
  const mail = await db.outgoingMail.findFirst({ where, select: { bodyPurgedAt: true } });
  if (!mail) throw notFound();
  if (mail.bodyPurgedAt) throw new DomainError("conflict", "outbox.errors.contentDeleted");
  throw new DomainError("conflict", "outbox.errors.notRetryable");
}
