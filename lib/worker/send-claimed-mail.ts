import type { Log } from "@/lib/log/log";
import type { ClaimedMail } from "./claim-due-mail";
import type { MailToSend } from "./pick-due-mail";
import { parkUnsendable, sendReserved, type SendOutcome } from "./send-one";
import type { SmtpConnections } from "./smtp-connections";

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
