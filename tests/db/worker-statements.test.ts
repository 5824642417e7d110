import { describe, expect, it } from "vitest";
import { currentDbPool, getDb } from "@/lib/db/client";
import { processSql } from "@/lib/db/process-sql";
import { queueMail } from "@/lib/outbox/queue-mail";
import { claimDueMail } from "@/lib/worker/claim-due-mail";
import { settleMail } from "@/lib/worker/settle-mail";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { recordStatements, useStatementRecorder } from "../support/record-statements";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { draft, seedConnectedMailbox, seedFakeConfiguration } from "./outbox-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

// The worker's claim and settle run as named statements on the process's `pg` pool
// (lib/db/named-sql.ts), or through Prisma's raw path on the embedded database. `pg` reads a
// `timestamp` column in the process's time zone: the statements hand back timestamptz only, and
// this file runs far from UTC so that a time read wrongly would be off by hours.
process.env.TZ = "Pacific/Auckland";

useTestDatabase();

const fakes = useOutboxFakes();

useStatementRecorder();

let counter = 0;
async function setup(limits: { maxMessagesPerDay?: number; maxMessagesPerMinute?: number } = {}) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "google", limits);
  const mailbox = await seedConnectedMailbox(
    fakes,
    config,
    `statements${++counter}-${Date.now()}@lycee.test`,
  );
  const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
  const queue = () =>
    queueMail({ kind: "person", ctx }, { mailbox: { mailboxId: mailbox.id }, draft: draft() });
  /** A mail of the mailbox, sent `ms` ago. */
  const sentAgo = async (ms: number) => {
    const db = await getDb();
    const mail = await queue();
    await db.outgoingMail.update({
      where: { id: mail.id },
      data: { status: "sent", sentAt: new Date(Date.now() - ms), attempts: 1 },
    });
  };
  return { ...people, mailbox, queue, sentAgo };
}

const HOUR = 3_600_000;

describe("the worker's statements", () => {
  it.runIf(realPostgresAvailable("the statements the worker sends through pg"))(
    "claims in one transaction of named statements, and settles in one named statement",
    async () => {
      const { queue, tenant } = await setup();
      const queued = await queue();
      let stop = recordStatements();
      const claimed = await claimDueMail({ workerId: "statements-worker", limit: 10, leaseMs: 60_000 });
      const claim = stop();
      expect(claimed.map((mail) => [mail.id, mail.state.kind, mail.attempts])).toEqual([
        [queued.id, "ready", 1],
      ]);
      expect(claim.map(({ text, name }) => name ?? text)).toEqual([
        "BEGIN; SET LOCAL statement_timeout = 5000",
        "relais_pick_due_mail",
        "relais_sending_slot_locks",
        "relais_sending_slot_windows",
        "relais_claim_leases",
        "COMMIT",
      ]);

      stop = recordStatements();
      const moved = await settleMail(
        queued.id,
        "statements-worker",
        { status: "sent", lastError: null, smtpResponse: "250 2.0.0 OK" },
        { tenantId: tenant.id, number: 1, startedAt: new Date(), outcome: "sent", smtpCode: 250 },
      );
      expect(moved).toBe(true);
      expect(stop().map(({ text, name }) => name ?? text)).toEqual(["relais_settle_mail"]);
      const db = await getDb();
      const row = await db.outgoingMail.findUniqueOrThrow({ where: { id: queued.id } });
      expect(row).toMatchObject({ status: "sent", leaseOwner: null, smtpResponse: "250 2.0.0 OK" });
      expect(await db.deliveryAttempt.count({ where: { mailId: queued.id, outcome: "sent" } })).toBe(1);
    },
  );

  it("reads the times it decides with in UTC: a day's limit frees its slot 24 h after the oldest mail", async () => {
    const { queue, sentAgo } = await setup({ maxMessagesPerDay: 1 });
    // Sent 23 hours ago: its slot frees up in about an hour, whatever the process's time zone.
    await sentAgo(23 * HOUR);
    const waiting = await queue();
    const [claimed] = await claimDueMail({ workerId: "statements-worker", limit: 10, leaseMs: 60_000 });
    expect(claimed?.id).toBe(waiting.id);
    expect(claimed?.state.kind).toBe("waiting");
    const until = claimed!.state.kind === "waiting" ? claimed!.state.until.getTime() : 0;
    expect(until - Date.now()).toBeGreaterThan(HOUR - 60_000);
    expect(until - Date.now()).toBeLessThan(HOUR + 60_000);
    // Stored as UTC, as Prisma reads it back.
    const db = await getDb();
    const row = await db.outgoingMail.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(row.status).toBe("queued");
    expect(Math.abs(row.nextAttemptAt.getTime() - until)).toBeLessThan(1000);
  });

  it("reads the minute in UTC too: a minute's limit frees its slot a minute after the last mail", async () => {
    const { queue, sentAgo } = await setup({ maxMessagesPerMinute: 1 });
    await sentAgo(30_000);
    const waiting = await queue();
    const [claimed] = await claimDueMail({ workerId: "statements-worker", limit: 10, leaseMs: 60_000 });
    expect(claimed?.id).toBe(waiting.id);
    expect(claimed?.state.kind).toBe("waiting");
    const until = claimed!.state.kind === "waiting" ? claimed!.state.until.getTime() : 0;
    // Its slot frees up 60 s after the mail sent 30 s ago (and a second of margin).
    expect(until - Date.now()).toBeGreaterThan(25_000);
    expect(until - Date.now()).toBeLessThan(35_000);
  });

  it("refuses a nested transaction and a statement after its transaction ended", async () => {
    const sql = await processSql();
    let kept: Awaited<ReturnType<typeof processSql>> | undefined;
    await expect(
      sql.transaction(async (tx) => {
        kept = tx;
        return tx.transaction(async () => "inner");
      }),
    ).rejects.toThrow("Transactions do not nest");
    await expect(kept!.query("test_late", "SELECT 1 AS one", [])).rejects.toThrow(
      "The transaction has ended",
    );
  });

  it.runIf(realPostgresAvailable("PostgreSQL's statement timeout"))(
    "gives up on a statement past the transaction's time limit, rolls back and frees the connection",
    async () => {
      const { queue } = await setup();
      const mail = await queue();
      const sql = await processSql();
      await expect(
        sql.transaction(
          async (tx) => {
            await tx.query(
              "test_rename",
              `UPDATE "OutgoingMail" SET subject = 'Renamed' WHERE id = $1::uuid`,
              [mail.id],
            );
            await tx.query("test_sleep", "SELECT pg_sleep(3)::text AS slept", []);
          },
          { timeoutMs: 300 },
        ),
      ).rejects.toThrow(/statement timeout/);
      const db = await getDb();
      expect((await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).subject).toBe(
        draft().subject,
      );
      const pool = currentDbPool()!;
      expect(pool.idleCount).toBe(pool.totalCount);
    },
  );

  it("rolls a transaction back when its work throws, and gives its connection back", async () => {
    const { queue } = await setup();
    const mail = await queue();
    const sql = await processSql();
    await expect(
      sql.transaction(async (tx) => {
        await tx.query("test_rename", `UPDATE "OutgoingMail" SET subject = 'Renamed' WHERE id = $1::uuid`, [
          mail.id,
        ]);
        throw new Error("stopped halfway");
      }),
    ).rejects.toThrow("stopped halfway");
    const db = await getDb();
    expect((await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).subject).toBe(
      draft().subject,
    );
    const pool = currentDbPool();
    if (pool) expect(pool.idleCount).toBe(pool.totalCount);
    // And one that completes is committed.
    await sql.transaction((tx) =>
      tx.query("test_rename", `UPDATE "OutgoingMail" SET subject = 'Renamed' WHERE id = $1::uuid`, [mail.id]),
    );
    expect((await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).subject).toBe("Renamed");
  });
});
