import { randomBytes } from "node:crypto";
import os from "node:os";
import { claimDueMail } from "./claim-due-mail";
import { releaseLeases } from "./release-leases";
import { releaseResumedMail } from "./release-held-mail";
import { sendOne, type SendOutcome } from "./send-one";
import { SmtpConnections } from "./smtp-connections";

export type WorkerOptions = {
  workerId?: string;
  /** Mails claimed per round. */
  batch?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Mails sent at once. */
  concurrency?: number;
  log?: (line: string) => void;
};

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

const RELEASE_EVERY_MS = 15_000;

/**
 * The outbox worker: claims due mail, sends it (connections reused per
 * mailbox), and sleeps when there is none. `stop()` stops claiming, lets the
 * sends in flight finish and hands back claimed mail not yet started.
 */
export function startWorker(options: WorkerOptions = {}) {
  const workerId = options.workerId ?? newWorkerId();
  const batch = options.batch ?? 20;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 10;
  const log = options.log ?? (() => {});
  const connections = new SmtpConnections();
  let stopping = false;
  let wake: (() => void) | null = null;
  let lastRelease = 0;

  async function round(): Promise<number> {
    if (Date.now() - lastRelease > RELEASE_EVERY_MS) {
      lastRelease = Date.now();
      await releaseResumedMail();
    }
    const claimed = await claimDueMail({ workerId, limit: batch, leaseMs });
    const pending = [...claimed];
    const runLane = async () => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        if (stopping) {
          pending.unshift(next);
          return;
        }
        const outcome: SendOutcome = await sendOne(next, workerId, connections).catch((error: unknown) => {
          log(`send of ${next.id} failed unexpectedly: ${(error as Error)?.name ?? "error"}`);
          return "retry" as const;
        });
        if (outcome === "lease_lost") log(`lease lost on ${next.id}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, runLane));
    if (pending.length > 0)
      await releaseLeases(
        workerId,
        pending.map((mail) => mail.id),
      );
    connections.closeIdle();
    return claimed.length;
  }

  const done = (async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await round();
      } catch (error) {
        log(`worker round failed: ${(error as Error)?.name ?? "error"}: ${(error as Error)?.message ?? ""}`);
      }
      if (claimed === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
    connections.closeAll();
  })();

  return {
    workerId,
    async stop() {
      stopping = true;
      (wake as (() => void) | null)?.();
      await done;
    },
  };
}
