import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { queueMail } from "@/lib/outbox/queue-mail";
import { startWorker } from "@/lib/worker/run-worker";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { draft, seedConnectedMailbox, seedFakeConfiguration } from "./outbox-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();

const fakes = useOutboxFakes();

const MAILS = 12;

/** A connected Google mailbox at the fakes with `count` mails queued for it. */
async function mailboxWithQueuedMail(prefix: string, count: number) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
  const mailbox = await seedConnectedMailbox(fakes, config, `${prefix}-${Date.now()}@lycee.test`);
  const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
  const queued = [];
  for (let i = 0; i < count; i++) {
    queued.push(
      await queueMail(
        { kind: "person", ctx },
        { mailbox: { mailboxId: mailbox.id }, draft: draft({ subject: `${prefix} ${i}` }) },
      ),
    );
  }
  return { mailbox, queued, ids: queued.map((mail) => mail.id) };
}

const atFake = (messageId: string) =>
  fakes.control.messages().filter((m) => m.raw.includes(`Message-ID: ${messageId}`)).length;

describe("a worker stopping", () => {
  it("finishes the sends in flight, hands back what it had not started, and loses nothing", async () => {
    const { mailbox, queued, ids } = await mailboxWithQueuedMail("stop", MAILS);
    const db = await getDb();
    // A slow server: the worker holds the whole batch while two mails at a time are in the exchange.
    fakes.control.setAnswerDelay(mailbox.address, 300);
    const worker = startWorker({
      batch: MAILS,
      concurrency: 2,
      parallel: 1,
      pollMs: 20,
      maintenanceEveryMs: 0,
    });
    await expect
      .poll(() => fakes.control.messages().length, { timeout: 20_000, interval: 20 })
      .toBeGreaterThan(0);
    await worker.stop();

    const afterStop = await db.outgoingMail.findMany({ where: { id: { in: ids } } });
    // Nothing is left leased to the stopped worker.
    expect(afterStop.filter((mail) => mail.status === "sending" || mail.leaseOwner !== null)).toEqual([]);
    const sent = afterStop.filter((mail) => mail.status === "sent");
    const handedBack = afterStop.filter((mail) => mail.status === "queued");
    expect(sent.length + handedBack.length).toBe(MAILS);
    expect(sent.length).toBeGreaterThan(0);
    expect(handedBack.length).toBeGreaterThan(0);
    // What was in the exchange when it stopped was finished and recorded; what was not started went back
    // due now, its attempt given back.
    expect(fakes.control.messages()).toHaveLength(sent.length);
    for (const mail of handedBack) {
      expect(mail.attempts).toBe(0);
      expect(atFake(mail.messageId)).toBe(0);
      expect(mail.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    }

    // Another worker sends the rest, each mail exactly once in all.
    fakes.control.setAnswerDelay(mailbox.address, 0);
    const next = startWorker({ pollMs: 20, maintenanceEveryMs: 0 });
    try {
      await expect
        .poll(() => db.outgoingMail.count({ where: { id: { in: ids }, status: "sent" } }), {
          timeout: 20_000,
        })
        .toBe(MAILS);
    } finally {
      await next.stop();
    }
    for (const mail of queued) expect(atFake(mail.messageId)).toBe(1);
  });

  it("hands back a mail that waited so long its lease could run out, instead of sending it twice", async () => {
    const { mailbox, queued, ids } = await mailboxWithQueuedMail("lease", 5);
    const db = await getDb();
    // One mail at a time, 800 ms each, leases of 3 s: the third mail of a batch would start after half
    // its lease, and finish after the feeder could have claimed it again as expired. (A mail started
    // within half its lease ends 700 ms before it runs out: room for a loaded machine's pauses.)
    fakes.control.setAnswerDelay(mailbox.address, 800);
    const worker = startWorker({
      batch: 5,
      concurrency: 1,
      parallel: 1,
      leaseMs: 3000,
      pollMs: 20,
      maintenanceEveryMs: 0,
    });
    try {
      await expect
        .poll(() => db.outgoingMail.count({ where: { id: { in: ids }, status: "sent" } }), {
          timeout: 20_000,
        })
        .toBe(5);
    } finally {
      await worker.stop();
      fakes.control.setAnswerDelay(mailbox.address, 0);
    }
    for (const mail of queued) {
      expect(atFake(mail.messageId)).toBe(1);
    }
    const attempts = await db.deliveryAttempt.findMany({ where: { mailId: { in: ids } } });
    expect(attempts.map((a) => a.outcome).sort()).toEqual(Array(5).fill("sent"));
  });
});
