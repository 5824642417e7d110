import { NAMED_SQL_NOW } from "@/lib/db/named-sql";
import { processSql } from "@/lib/db/process-sql";
import { providerFamily } from "@/lib/outbox/mail-limits";
import { findSendingSlots, type SlotRequest } from "./find-sending-slots";
import { unsendableReason, type Unsendable } from "./mailbox-can-send";
import { API_SLOT_WAIT, pickDueMail, type MailToSend, type PickedMail, type SlotPull } from "./pick-due-mail";
import { apiConcurrencyFor, apiLeaseAheadFor } from "@/lib/transports/api-concurrency";
import { sendingLimitsFor } from "./sending-limits";

/**
 * A mail the claim took: `ready`, leased to this worker and holding a sending
 * slot; `unsendable`, leased, but its mailbox cannot send now (to be held or
 * cancelled); `waiting`, over its mailbox's sending limit, left in the queue
 * until a slot frees up (not leased, not an attempt).
 */
export type ClaimedMail = {
  id: string;
  tenantId: string;
  mailboxId: string;
  /** Attempts so far, this one included when leased. */
  attempts: number;
  mail: MailToSend;
  state: { kind: "ready" } | { kind: "unsendable"; why: Unsendable } | { kind: "waiting"; until: Date };
};

export type ClaimOptions = {
  workerId: string;
  limit: number;
  leaseMs: number;
  /**
   * Mailboxes with a concurrency limit (Graph) whose sends just ended in this
   * worker, freeing that many of their slots: their mails waiting for a slot
   * are claimed too, before they come due again.
   */
  pull?: SlotPull[];
  /**
   * This worker sends at most a mailbox's concurrency (Graph: 4) of its mails
   * at once itself, whatever it holds (run-worker.ts): while no other worker
   * holds any of a mailbox's leases, it may lease more of its mails than that
   * (`apiLeaseAheadFor`), and starts the next as one ends. Without it, the
   * mails leased are the requests it may have in flight.
   */
  gated?: boolean;
};

function slotRequests(mails: PickedMail[], gated: boolean): SlotRequest[] {
  const groups = new Map<string, PickedMail[]>();
  for (const mail of mails) groups.set(mail.mailboxId, [...(groups.get(mail.mailboxId) ?? []), mail]);
  return [...groups].map(([mailboxId, group]) => ({
    mailboxId,
    limits: sendingLimitsFor(providerFamily(group[0]!.config.provider), group[0]!.config),
    concurrency: apiConcurrencyFor(group[0]!.mailbox.transport),
    leaseAhead: gated ? (apiLeaseAheadFor(group[0]!.mailbox.transport) ?? undefined) : undefined,
    mails: group,
  }));
}

/**
 * Claims up to `limit` due mails for this worker in one transaction, with one
 * write per mail: picks and loads them (locked, SKIP LOCKED), finds which fit
 * under their mailbox's sending limits (per-mailbox advisory locks, held to
 * the commit), then in one statement leases each mail (`sending`, the lease,
 * one more attempt) and gives those that fit their slot (`sentAt`); those
 * over a limit go back to the queue until their slot frees up (those over
 * their mailbox's concurrency marked so, for `pull`). A mail whose lease had
 * expired is retried with the same Message-ID.
 */
export async function claimDueMail({
  workerId,
  limit,
  leaseMs,
  pull = [],
  gated = false,
}: ClaimOptions): Promise<ClaimedMail[]> {
  const sql = await processSql();
  return sql.transaction(async (tx) => {
    const picked = await pickDueMail(tx, limit, pull);
    if (picked.length === 0) return [];
    const now = new Date();
    const unsendable = new Map(picked.map((mail) => [mail.id, unsendableReason(mail.mailbox, now)]));
    const slots = await findSendingSlots(
      tx,
      slotRequests(
        picked.filter((mail) => !unsendable.get(mail.id)),
        gated,
      ),
      workerId,
    );
    const ids = picked.map((mail) => mail.id);
    const holdsSlot = picked.map((mail) => slots.get(mail.id)?.ok === true);
    const waitUntil = picked.map((mail) => {
      const slot = slots.get(mail.id);
      return slot && !slot.ok ? slot.waitUntil.toISOString() : null;
    });
    const waitingFor = picked.map((mail) => {
      const slot = slots.get(mail.id);
      return slot && !slot.ok && slot.reason === "concurrency" ? API_SLOT_WAIT : "sending_limit";
    });
    const updated = await tx.query<{ id: string; attempts: number }>("claim_leases", LEASE, [
      workerId,
      leaseMs / 1000,
      ids,
      holdsSlot,
      waitUntil,
      waitingFor,
    ]);
    const attempts = new Map(updated.map((row) => [row.id, row.attempts]));
    return picked.map((mail): ClaimedMail => {
      const slot = slots.get(mail.id);
      const why = unsendable.get(mail.id);
      return {
        id: mail.id,
        tenantId: mail.tenantId,
        mailboxId: mail.mailboxId,
        attempts: attempts.get(mail.id) ?? mail.attempts,
        mail,
        // findSendingSlots answers every mail it was asked about: a sendable mail without "wait" holds its slot.
        state: why
          ? { kind: "unsendable", why }
          : slot && !slot.ok
            ? { kind: "waiting", until: slot.waitUntil }
            : { kind: "ready" },
      };
    });
  });
}

/**
 * Leases the picked mails ($3) to the worker ($1) for $2 seconds, those holding a slot ($4) with it;
 * those that must wait until $5 (ISO text) go back to the queue, marked with what they wait for ($6).
 */
const LEASE = `
      UPDATE "OutgoingMail" m
         SET status = (CASE WHEN u.wait IS NULL THEN 'sending' ELSE 'queued' END)::"OutgoingMailStatus",
             "leaseOwner" = CASE WHEN u.wait IS NULL THEN $1::text END,
             "leaseExpiresAt" = CASE WHEN u.wait IS NULL
                                     THEN ${NAMED_SQL_NOW} + make_interval(secs => $2::float8) END,
             attempts = m.attempts + CASE WHEN u.wait IS NULL THEN 1 ELSE 0 END,
             "sentAt" = CASE WHEN u.slot THEN ${NAMED_SQL_NOW} END,
             -- A mail already waiting for a slot that still finds none keeps its place in its mailbox's line.
             "nextAttemptAt" = CASE WHEN u.waiting_for = 'api_concurrency' AND m.status = 'queued'
                                         AND m."lastError" = 'api_concurrency' AND m."nextAttemptAt" > ${NAMED_SQL_NOW}
                                    THEN m."nextAttemptAt"
                                    ELSE COALESCE(u.wait::timestamptz AT TIME ZONE 'UTC', m."nextAttemptAt") END,
             "lastError" = CASE WHEN u.wait IS NULL THEN m."lastError" ELSE u.waiting_for END,
             "updatedAt" = ${NAMED_SQL_NOW}
        FROM unnest($3::uuid[], $4::boolean[], $5::text[], $6::text[]) AS u(id, slot, wait, waiting_for)
       WHERE m.id = u.id
      RETURNING m.id::text AS id, m.attempts`;
