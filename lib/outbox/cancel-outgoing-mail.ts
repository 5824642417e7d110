import { DomainError, notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { cancelWaitingMail } from "./cancel-waiting-mail";
import { visibleMailWhere, type MailSender } from "./mail-sender";

/** Cancels a mail that is still waiting (queued or held); one being sent or done cannot be. */
export async function cancelOutgoingMail(sender: MailSender, id: string) {
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const where = { ...visibleMailWhere(sender), id };
  const count = await cancelWaitingMail(db, where, "cancelled");
  if (count === 1) return { id, status: "cancelled" as const };
  if ((await db.outgoingMail.count({ where })) === 0) throw notFound();
  throw new DomainError("conflict", "outbox.errors.notCancellable");
}
