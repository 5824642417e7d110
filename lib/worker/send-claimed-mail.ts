import { providerFamily } from "@/lib/outbox/mail-limits";
import type { ClaimedMail } from "./claim-due-mail";
import { loadClaimedMails, type MailToSend } from "./load-claimed-mail";
import { releaseLeases } from "./release-leases";
import { reserveSendingSlots } from "./reserve-sending-slot";
import { parkIfUnsendable, sendReserved, waitForSlot, type SendOutcome } from "./send-one";
import { sendingLimitsFor } from "./sending-limits";
import type { SmtpConnections } from "./smtp-connections";

export type SendOptions = {
  workerId: string;
  connections: SmtpConnections;
  /** Mails sent at once. */
  concurrency?: number;
  /** Asked between mails: when true, the mails not started yet are handed back to the queue. */
  stopping?: () => boolean;
  log?: (line: string) => void;
};

/** A leased mail holding a sending slot: ready for the SMTP exchange. */
export type ReadyMail = { mail: MailToSend; attempts: number };

function byMailbox(mails: MailToSend[]): Map<string, MailToSend[]> {
  const groups = new Map<string, MailToSend[]>();
  for (const mail of mails) groups.set(mail.mailboxId, [...(groups.get(mail.mailboxId) ?? []), mail]);
  return groups;
}

/**
 * Gets a batch of claimed mails ready to send: loaded in one query, mails
 * whose mailbox cannot send parked (held or cancelled), sending slots taken
 * for the others in one transaction; mails over a limit go back to the queue
 * until a slot frees up. Returns the mails ready to send, and the outcome of
 * the others by id.
 */
export async function prepareClaimedMail(
  claimed: ClaimedMail[],
  workerId: string,
): Promise<{ ready: ReadyMail[]; outcomes: Map<string, SendOutcome> }> {
  const attempts = new Map(claimed.map((c) => [c.id, c.attempts]));
  const outcomes = new Map<string, SendOutcome>(claimed.map((c) => [c.id, "lease_lost"]));
  const mails = await loadClaimedMails(claimed);
  const sendable: MailToSend[] = [];
  await Promise.all(
    mails.map(async (mail) => {
      const parked = parkIfUnsendable(mail, attempts.get(mail.id)!, workerId);
      if (parked) outcomes.set(mail.id, await parked);
      else sendable.push(mail);
    }),
  );
  const requests = [...byMailbox(sendable)].map(([mailboxId, group]) => ({
    mailboxId,
    limits: sendingLimitsFor(providerFamily(group[0]!.config.provider), group[0]!.config),
    mails: group,
  }));
  const slots = await reserveSendingSlots(requests, workerId);
  const ready: ReadyMail[] = [];
  await Promise.all(
    sendable.map(async (mail) => {
      const slot = slots.get(mail.id);
      if (slot?.ok) {
        ready.push({ mail, attempts: attempts.get(mail.id)! });
        outcomes.delete(mail.id);
      } else if (slot) {
        outcomes.set(mail.id, await waitForSlot(mail, attempts.get(mail.id)!, workerId, slot.waitUntil));
      }
    }),
  );
  return { ready, outcomes };
}

/** Sends one ready mail; an unexpected error is logged and reported as a lost lease (the mail is retried). */
export function sendReady(
  { mail, attempts }: ReadyMail,
  workerId: string,
  connections: SmtpConnections,
  log: (line: string) => void,
): Promise<SendOutcome> {
  return sendReserved(mail, attempts, workerId, connections).catch((error: unknown) => {
    log(`send of ${mail.id} failed unexpectedly: ${(error as Error)?.name ?? "error"}`);
    return "lease_lost" as const;
  });
}

/**
 * Sends a batch of claimed mails: prepared as above, then sent `concurrency`
 * at a time over the reused connections. Returns each mail's outcome by id.
 */
export async function sendClaimedMail(
  claimed: ClaimedMail[],
  options: SendOptions,
): Promise<Map<string, SendOutcome>> {
  const { workerId, connections, concurrency = 10, stopping = () => false, log = () => {} } = options;
  const { ready, outcomes } = await prepareClaimedMail(claimed, workerId);
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
