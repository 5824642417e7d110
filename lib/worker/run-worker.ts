import { randomBytes } from "node:crypto";
import os from "node:os";
import { claimDueMail } from "./claim-due-mail";
import { releaseResumedMail } from "./release-held-mail";
import { runMaintenance } from "./run-maintenance";
import { sendClaimedMail } from "./send-claimed-mail";
import { SmtpConnections } from "./smtp-connections";

export type WorkerOptions = {
  workerId?: string;
  /** Mails claimed per round. */
  batch?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Mails sent at once per batch. */
  concurrency?: number;
  /** Batches in flight at once, so that claiming and loading overlap with sending. */
  parallel?: number;
  log?: (line: string) => void;
  /** How often this worker runs the token lifecycle's chores; 0 turns them off. */
  maintenanceEveryMs?: number;
};

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

const RELEASE_EVERY_MS = 15_000;
const MAINTENANCE_EVERY_MS = 10 * 60_000;

/**
 * The outbox worker: claims due mail, sends it (connections reused per
 * mailbox), and sleeps when there is none. `stop()` stops claiming, lets the
 * sends in flight finish and hands back claimed mail not yet started.
 */
export function startWorker(options: WorkerOptions = {}) {
  const workerId = options.workerId ?? newWorkerId();
  const batch = options.batch ?? 40;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 20;
  const parallel = options.parallel ?? 2;
  const log = options.log ?? (() => {});
  const connections = new SmtpConnections();
  let stopping = false;
  const wakers = new Set<() => void>();
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

  async function round(): Promise<number> {
    maybeRunMaintenance();
    if (Date.now() - lastRelease > RELEASE_EVERY_MS) {
      lastRelease = Date.now();
      await releaseResumedMail();
    }
    const claimed = await claimDueMail({ workerId, limit: batch, leaseMs });
    const outcomes = await sendClaimedMail(claimed, {
      workerId,
      connections,
      concurrency,
      stopping: () => stopping,
      log,
    });
    for (const [id, outcome] of outcomes) if (outcome === "lease_lost") log(`lease lost on ${id}`);
    connections.closeIdle();
    return claimed.length;
  }

  async function loop() {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await round();
      } catch (error) {
        log(`worker round failed: ${(error as Error)?.name ?? "error"}: ${(error as Error)?.message ?? ""}`);
      }
      if (claimed === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            wakers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, pollMs);
          wakers.add(wake);
        });
      }
    }
  }

  const done = Promise.all(Array.from({ length: parallel }, loop))
    .then(() => maintenance)
    .then(() => connections.closeAll());

  return {
    workerId,
    async stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      await done;
    },
  };
}
