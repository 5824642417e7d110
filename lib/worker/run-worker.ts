import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Log } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import { markHeartbeat } from "@/lib/metrics/metrics";
import { apiConcurrencyFor, apiLeaseAheadFor } from "@/lib/transports/api-concurrency";
import { claimDueMail } from "./claim-due-mail";
import type { SlotPull } from "./pick-due-mail";
import { releaseResumedMail } from "@/lib/outbox/release-held-mail";
import { releaseLeases } from "./release-leases";
import { runMaintenance } from "./run-maintenance";
import { prepareClaimedMail, sendReady, type ReadyMail } from "./send-claimed-mail";
import { SmtpConnections } from "./smtp-connections";
import { wakeWaitingMail } from "./wake-waiting-mail";
import { startWebhookDeliverer, type WebhookDelivererOptions } from "@/lib/webhooks/run-webhook-deliverer";

export type WorkerOptions = {
  workerId?: string;
  /** Mails claimed at once. */
  batch?: number;
  leaseMs?: number;
  /** How long to sleep when nothing is due. */
  pollMs?: number;
  /** Mails in the SMTP exchange at once. */
  concurrency?: number;
  /** Batches claimed and prepared at once, so that the database's round trips overlap. */
  parallel?: number;
  /** Where the worker logs; its entries carry the worker's id. The process's root logger by default. */
  log?: Log;
  /** How often this worker runs the token lifecycle's chores; 0 turns them off. */
  maintenanceEveryMs?: number;
  /** The webhook deliveries' loop beside the mail's (docs/webhooks.md); false turns it off. */
  webhooks?: false | Omit<WebhookDelivererOptions, "workerId" | "log">;
};

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** A mail claimed and prepared, waiting for a lane. */
type Ready = ReadyMail & { claimedAt: number };

const RELEASE_EVERY_MS = 15_000;
const MAINTENANCE_EVERY_MS = 10 * 60_000;

/** Promises that callers wait on until `notify()` (or their timeout). */
class Signal {
  private readonly waiting = new Set<() => void>();

  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
      this.waiting.add(done);
    });
  }

  notify() {
    for (const done of [...this.waiting]) done();
  }
}

/**
 * The outbox worker. Feeders claim due mail in batches and get it ready
 * (mailbox checks, sending slots) while `concurrency` lanes send what is
 * ready, each taking the next mail as soon as its last one is settled: the
 * SMTP connections (reused per mailbox) never wait for a batch to finish.
 * Feeders keep about one batch ready beyond what the lanes hold, and sleep
 * when nothing is due. A mailbox with a concurrency limit (Graph: 4) has a
 * gate: no more than the limit of its mails in the lanes at once; the worker
 * may hold more of them leased while no other worker holds any
 * (`gated` claims), and a send that ends lets the next one start at once.
 * When its stock of such a mailbox runs low, the next claim takes that
 * mailbox's mail waiting for a slot (`pull`), and the feeders are woken for it.
 * `stop()` stops claiming, lets the sends in flight finish and hands back
 * claimed mail not yet started (and slots freed but not used).
 */
export function startWorker(options: WorkerOptions = {}) {
  const workerId = options.workerId ?? newWorkerId();
  const batch = options.batch ?? 100;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 40;
  const parallel = options.parallel ?? 2;
  const log = (options.log ?? logger()).child({ workerId });
  const connections = new SmtpConnections();
  /** Mails that may start now: a lane takes the first. */
  const ready: Ready[] = [];
  /**
   * Per mailbox with a concurrency limit (Graph: 4): this worker's mails of
   * it in `ready` or being sent (`admitted`, at most the limit), and the
   * others it holds leased, in order (`parked`). A send that ends lets the
   * next parked mail start at once, without a claim in between.
   */
  const gates = new Map<string, { admitted: number; parked: Ready[] }>();
  const stock = (mailboxId: string) => {
    const gate = gates.get(mailboxId);
    return gate ? gate.admitted + gate.parked.length : 0;
  };
  /** Outcomes of answered sends still being recorded. */
  const settling = new Set<Promise<void>>();
  /** Mails that waited so long their lease may be gone by the time they are sent: back to the queue. */
  const stale: string[] = [];
  /** Slots freed by this worker's sends, per mailbox with a concurrency limit, since its last claim. */
  const freed = new Map<string, number>();
  const takeFreed = (): SlotPull[] => {
    const pull = [...freed].map(([mailboxId, count]) => ({ mailboxId, count }));
    freed.clear();
    return pull;
  };
  const addFreed = (mailboxId: string, count: number) => {
    freed.set(mailboxId, (freed.get(mailboxId) ?? 0) + count);
    slotFreed.notify();
  };

  /** A claimed mail ready to send: to the lanes, or parked behind its mailbox's gate. */
  function admit(next: Ready) {
    const slots = apiConcurrencyFor(next.mail.mailbox.transport);
    if (slots === null) {
      ready.push(next);
      return;
    }
    const gate = gates.get(next.mail.mailboxId) ?? { admitted: 0, parked: [] };
    gates.set(next.mail.mailboxId, gate);
    if (gate.admitted < slots) {
      gate.admitted += 1;
      ready.push(next);
    } else gate.parked.push(next);
  }

  /**
   * A mail of a mailbox with a concurrency limit left the exchange (the
   * provider answered, or it was handed back): its mailbox's next parked mail
   * goes first in line.
   */
  function openGate(mail: ReadyMail["mail"]) {
    const gate = gates.get(mail.mailboxId);
    if (!gate) return;
    gate.admitted -= 1;
    const next = gate.parked.shift();
    if (next) {
      gate.admitted += 1;
      ready.unshift(next);
      mailReady.notify();
    }
    if (stock(mail.mailboxId) === 0) gates.delete(mail.mailboxId);
  }

  /**
   * A mail's outcome recorded: when what this worker holds of its mailbox
   * (concurrency limit) runs down to half its lease-ahead depth, and the mail
   * was not lost to another worker, the next claim pulls that mailbox's mails
   * waiting for a slot, up to the depth.
   */
  function pullIfLow(mail: ReadyMail["mail"], pullMore: boolean) {
    const depth = apiLeaseAheadFor(mail.mailbox.transport);
    const held = stock(mail.mailboxId);
    if (!pullMore || depth === null || held > depth / 2) return;
    freed.set(mail.mailboxId, Math.max(freed.get(mail.mailboxId) ?? 0, depth - held));
    slotFreed.notify();
  }
  const giveBackFreed = (pull: SlotPull[]) => {
    for (const { mailboxId, count } of pull) addFreed(mailboxId, count);
  };

  /** Mails ready, or stopping: the lanes look again. */
  const mailReady = new Signal();
  /** A lane took a mail, or stopping: the feeders look again. */
  const mailTaken = new Signal();
  /** A send freed one of its mailbox's slots (concurrency limit), or stopping. */
  const slotFreed = new Signal();
  let stopping = false;
  let lastRelease = 0;
  const maintenanceEveryMs = options.maintenanceEveryMs ?? MAINTENANCE_EVERY_MS;
  // The first run comes after a random part of the period, so that workers started together spread out.
  let nextMaintenance = Date.now() + Math.random() * maintenanceEveryMs;
  let maintenance: Promise<void> | undefined;

  function maybeRunMaintenance() {
    if (maintenanceEveryMs <= 0 || maintenance || stopping || Date.now() < nextMaintenance) return;
    nextMaintenance = Date.now() + maintenanceEveryMs;
    // Beside the sending loop, not in it: a slow provider must not hold up mail.
    maintenance = runMaintenance(log).finally(() => {
      maintenance = undefined;
    });
  }

  /** One batch claimed and made ready; returns how many mails were claimed. */
  async function feed(): Promise<number> {
    maybeRunMaintenance();
    if (Date.now() - lastRelease > RELEASE_EVERY_MS) {
      lastRelease = Date.now();
      await releaseResumedMail();
    }
    if (stale.length > 0) await releaseLeases(workerId, stale.splice(0));
    const pull = takeFreed();
    const claimed = await claimDueMail({ workerId, limit: batch, leaseMs, pull, gated: true }).catch(
      (error: unknown) => {
        // Not claimed: the next round pulls for those slots.
        giveBackFreed(pull);
        throw error;
      },
    );
    const claimedAt = Date.now();
    const prepared = await prepareClaimedMail(claimed, workerId);
    for (const [id, outcome] of prepared.outcomes)
      if (outcome === "lease_lost") log.warn({ mailId: id }, "Lease lost on a mail");
    for (const mail of prepared.ready) admit({ ...mail, claimedAt });
    if (prepared.ready.length > 0) mailReady.notify();
    connections.closeIdle();
    return claimed.length;
  }

  async function feeder() {
    while (!stopping) {
      markHeartbeat("mail");
      if (ready.length >= concurrency) {
        await mailTaken.wait();
        continue;
      }
      let claimed = 0;
      try {
        claimed = await feed();
      } catch (error) {
        log.error({ err: error }, "Worker round failed");
      }
      // Less than a batch: nothing more is due now. Wait for the poll, or for a send to free one of
      // its mailbox's slots (that mailbox's waiting mail is pulled at once).
      if (claimed < batch && !stopping && freed.size === 0) await slotFreed.wait(pollMs);
    }
  }

  async function lane() {
    for (;;) {
      const next = stopping ? undefined : ready.shift();
      if (!next) {
        if (stopping) return;
        await mailReady.wait(pollMs);
        continue;
      }
      mailTaken.notify();
      if (Date.now() - next.claimedAt > leaseMs / 2) {
        stale.push(next.mail.id);
        openGate(next.mail);
        continue;
      }
      let answered = () => {};
      const answer = new Promise<void>((resolve) => (answered = resolve));
      const outcome = sendReady(next, workerId, connections, log, answered);
      // Once the provider has answered, the mailbox's slot is free and the lane takes its next mail
      // while the outcome is recorded (settles are grouped: see settle-mail.ts).
      await Promise.race([answer, outcome]);
      openGate(next.mail);
      const recorded = outcome.then((result) => {
        markHeartbeat("mail");
        if (result === "lease_lost") log.warn({ mailId: next.mail.id }, "Lease lost on a mail");
        // Its mailbox's waiting mail is pulled, unless this one was lost to another worker.
        pullIfLow(next.mail, result !== "lease_lost");
      });
      settling.add(recorded);
      void recorded.finally(() => settling.delete(recorded));
      // No more outcomes waiting to be recorded than lanes: a slow database holds the lanes back.
      if (settling.size >= concurrency) await Promise.race(settling);
    }
  }

  const webhooks =
    options.webhooks === false ? undefined : startWebhookDeliverer({ ...options.webhooks, workerId, log });

  const done = Promise.all([
    ...Array.from({ length: parallel }, feeder),
    ...Array.from({ length: concurrency }, lane),
  ])
    // The sends in flight are answered; their outcomes are recorded before anything is handed back.
    .then(() => Promise.all(settling))
    // Stopping: what was not started goes back to the queue at once instead of waiting for its lease to expire.
    .then(() => {
      const handedBack = [
        ...ready.splice(0),
        ...[...gates.values()].flatMap((gate) => gate.parked.splice(0)),
      ];
      gates.clear();
      // Their slots are free too: as many of their mailboxes' waiting mails come due.
      for (const { mail } of handedBack)
        if (apiConcurrencyFor(mail.mailbox.transport) !== null) addFreed(mail.mailboxId, 1);
      return releaseLeases(workerId, [...stale, ...handedBack.map(({ mail }) => mail.id)]);
    })
    .then(() => wakeWaitingMail(takeFreed()))
    .catch((error: unknown) => log.error({ err: error }, "Releasing leases failed"))
    .then(() => maintenance)
    .then(() => connections.closeAll());

  return {
    workerId,
    async stop() {
      stopping = true;
      mailReady.notify();
      mailTaken.notify();
      slotFreed.notify();
      await Promise.all([done, webhooks?.stop()]);
    },
  };
}
