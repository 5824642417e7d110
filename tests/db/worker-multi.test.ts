import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { queueMail } from "@/lib/outbox/queue-mail";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { draft, seedConnectedMailbox, seedFakeConfiguration, startOutboxFakes } from "./outbox-fixtures";

const database = useTestDatabase();
const enabled = realPostgresAvailable("several worker processes sharing the outbox");

let fakes: FakeProvidersHandle;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  if (enabled) fakes = await startOutboxFakes();
});
afterAll(async () => {
  for (const child of running) child.kill("SIGKILL");
  await fakes?.close();
});

function startWorkerProcess(leaseMs: number): ChildProcess {
  // node with tsx's loader, not the tsx command: that one runs the script in a child
  // process, which a SIGKILL of the command would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      RELAIS_WORKER_LEASE_MS: String(leaseMs),
      RELAIS_WORKER_POLL_MS: "100",
      RELAIS_WORKER_BATCH: "10",
      // "Worker started" is an info line: whatever level the test run was given.
      RELAIS_LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Its log is read (started()) or dropped, never left to fill the pipe: the logger writes synchronously.
  child.stdout!.resume();
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/** Resolves once the worker has logged that it started (it claims from then on). */
function started(child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error("the worker did not start in time")), timeoutMs);
    const read = (chunk: Buffer) => {
      log += chunk.toString("utf8");
      if (!log.includes("Worker started")) return;
      // Its log still drains (startWorkerProcess resumed the stream); only this listener goes.
      child.stdout!.off("data", read);
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on("data", read);
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error("the worker exited before it started"));
    });
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

async function queueMany(count: number, mailboxCount: number) {
  const { tenant, admin } = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, tenant.id, "google");
  const mailboxes = [];
  for (let i = 0; i < mailboxCount; i++) {
    mailboxes.push(await seedConnectedMailbox(fakes, config, `multi${i}-${tenant.slug}@lycee.test`));
  }
  const ctx = await contextFor(admin, tenant, "outbox.write");
  const messageIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const mailbox = mailboxes[i % mailboxCount]!;
    const queued = await queueMail(
      { kind: "person", ctx },
      { mailbox: { mailboxId: mailbox.id }, draft: draft({ subject: `Mail ${i}` }) },
    );
    messageIds.push(queued.messageId);
  }
  return { tenantId: tenant.id, messageIds };
}

async function waitUntilAllSent(tenantId: string, count: number, timeoutMs: number) {
  const db = await getDb();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sent = await db.outgoingMail.count({ where: { tenantId, status: "sent" } });
    if (sent === count) return;
    if (Date.now() > deadline) throw new Error(`only ${sent} of ${count} mails sent in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function countsAtFake(messageIds: string[]) {
  const seen = new Map<string, number>();
  for (const message of fakes.control.messages()) {
    const id = /^Message-ID: (<[^>]+>)/im.exec(message.raw)?.[1];
    if (id) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return messageIds.map((id) => seen.get(id) ?? 0);
}

describe.skipIf(!enabled)("several worker processes", () => {
  it("send 200 mails between two processes, each exactly once", async () => {
    fakes.control.clearMessages();
    // Leases longer than any stall of a loaded two-core machine: this test is about sharing the queue
    // (a lease that runs out may send twice by design; the next test is about that). A CI run once
    // stalled 30 s here and saw six mails go twice with 30 s leases.
    const workers = [startWorkerProcess(120_000), startWorkerProcess(120_000)];
    let queued: Awaited<ReturnType<typeof queueMany>>;
    try {
      // Both up before the mail is queued: on a loaded machine one process may start seconds after
      // the other, long enough for the first to send everything alone.
      await Promise.all(workers.map((worker) => started(worker)));
      queued = await queueMany(200, 4);
      await waitUntilAllSent(queued.tenantId, 200, 90_000);
    } finally {
      await Promise.all(workers.map(killed));
    }
    const { tenantId, messageIds } = queued;
    const counts = countsAtFake(messageIds);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    const db = await getDb();
    const owners = await db.deliveryAttempt.groupBy({ by: ["workerId"], where: { tenantId }, _count: true });
    expect(owners.length).toBe(2);
  }, 120_000);

  it("lose nothing when a worker is killed mid-run; only mails it held may go twice", async () => {
    fakes.control.clearMessages();
    const { tenantId, messageIds } = await queueMany(200, 4);
    const db = await getDb();
    // The steady worker's leases outlast any stall of a loaded machine; the victims' run out in 10 s,
    // so that what a killed one held is sent again within the test.
    const steady = startWorkerProcess(120_000);
    let victim = startWorkerProcess(10_000);
    let heldAtKill = 0;
    try {
      for (let kill = 0; kill < 3; kill++) {
        // Wait until the victim holds leases, then kill it without warning.
        for (let tries = 0; tries < 100; tries++) {
          const held = await db.outgoingMail.count({
            where: { tenantId, status: "sending", leaseOwner: { contains: `:${victim.pid}:` } },
          });
          if (held > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await killed(victim);
        heldAtKill += await db.outgoingMail.count({
          where: { tenantId, status: "sending", leaseOwner: { contains: `:${victim.pid}:` } },
        });
        victim = startWorkerProcess(10_000);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      }
      await waitUntilAllSent(tenantId, 200, 90_000);
    } finally {
      await Promise.all([killed(steady), killed(victim)]);
    }
    const counts = countsAtFake(messageIds);
    expect(counts.filter((n) => n === 0)).toEqual([]);
    const duplicates = counts.reduce((sum, n) => sum + (n - 1), 0);
    // A victim that stalled past its 10 s lease lost those mails to another worker, which sent them
    // again; the victim recorded the loss when it came back. The steady worker's leases never run out
    // here: a loss of its own would be two workers holding one mail at once.
    const losses = await db.deliveryAttempt.findMany({
      where: { tenantId, outcome: "lease_lost" },
      select: { workerId: true },
    });
    expect(losses.filter((loss) => loss.workerId.includes(`:${steady.pid}:`))).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(heldAtKill + losses.length);
  }, 180_000);
});
