import { DomainError, notFound } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { listSenderMailboxes } from "./list-sender-mailboxes";
import type { MailDraft } from "./mail-input";
import { portalQueueAnswer, type PortalQueueAnswer } from "./portal-queue-answer";
import { queueMail, type QueuedMail } from "./queue-mail";

/**
 * Queues a mail written in the portal (the compose page, a test mail) from
 * one of the person's mailboxes, having read the mailbox's health first: a
 * mailbox that can never send this mail (revoked) refuses it with words that
 * say so; one that cannot send now holds it, and the answer says until
 * what; the queue's own rules (queueMail) decide the status.
 */
export async function queuePortalMail(
  ctx: TenantContext,
  mailboxId: string,
  draft: MailDraft,
  kind: "compose" | "test",
): Promise<QueuedMail & { answer: PortalQueueAnswer }> {
  const [mailbox] = await listSenderMailboxes(ctx, mailboxId);
  if (!mailbox) throw notFound();
  if (mailbox.verdict.kind === "refuse") {
    throw new DomainError(
      "invalid_input",
      "outbox.sendability.refused",
      { address: mailbox.address },
      { mailboxId: "outbox.sendability.refusedField" },
    );
  }
  const queued = await queueMail({ kind: "person", ctx }, { mailbox: { mailboxId }, draft });
  return { ...queued, answer: portalQueueAnswer(queued.status, mailbox, kind) };
}
