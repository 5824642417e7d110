import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { settleMail } from "@/lib/worker/settle-mail";
import { seedTenant } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { seedMailboxInState } from "./outbox-fixtures";

useTestDatabase();

/** `count` mails leased to `owner`, straight in the table (no SMTP needed to settle them). */
async function leasedMails(count: number, owner: string) {
  const db = await getDb();
  const tenant = await seedTenant();
  const config = await db.clientConfiguration.create({
    data: {
      tenantId: tenant.id,
      name: "Google",
      provider: "google",
      clientId: "settle.apps.googleusercontent.com",
      scopes: ["https://mail.google.com/"],
      smtpHost: "127.0.0.1",
      smtpPort: 2525,
      smtpSecurity: "starttls",
    },
  });
  const mailbox = await seedMailboxInState(config, `settle-${randomUUID()}@lycee.test`, "pending");
  const mails = [];
  for (let i = 0; i < count; i++) {
    mails.push(
      await db.outgoingMail.create({
        data: {
          tenantId: tenant.id,
          mailboxId: mailbox.id,
          messageId: `<settle-${randomUUID()}@lycee.test>`,
          source: "portal",
          to: ["parent@example.org"],
          cc: [],
          bcc: [],
          subject: `Mail ${i}`,
          text: "Bonjour",
          sizeBytes: 100,
          recipientCount: 1,
          status: "sending",
          attempts: 1,
          leaseOwner: owner,
          leaseExpiresAt: new Date(Date.now() + 60_000),
        },
      }),
    );
  }
  return { tenant, mailbox, mails };
}

describe("settling mails", () => {
  it("settles many mails finished at once, each by its own lease, in the statements it groups", async () => {
    const { tenant, mailbox, mails } = await leasedMails(6, "worker-a");
    const db = await getDb();
    // The last two were taken over by another worker meanwhile (their lease had expired).
    await db.outgoingMail.updateMany({
      where: { id: { in: mails.slice(4).map((m) => m.id) } },
      data: { leaseOwner: "worker-b" },
    });
    const startedAt = new Date(Date.now() - 1000);
    const attempt = (outcome: "sent" | "temporary" | "permanent") => ({
      tenantId: tenant.id,
      number: 1,
      startedAt,
      outcome,
      smtpCode: outcome === "sent" ? 250 : outcome === "temporary" ? 451 : 550,
      smtpResponse: `${outcome} answer`,
    });
    const retryAt = new Date(Date.now() + 120_000);
    const moved = await Promise.all([
      settleMail(
        mails[0]!.id,
        "worker-a",
        { status: "sent", smtpResponse: "250 OK id=1", lastError: null },
        attempt("sent"),
      ),
      settleMail(
        mails[1]!.id,
        "worker-a",
        { status: "queued", nextAttemptAt: retryAt, lastError: "451 later" },
        attempt("temporary"),
      ),
      settleMail(
        mails[2]!.id,
        "worker-a",
        { status: "failed", lastError: "550 no such user" },
        attempt("permanent"),
      ),
      settleMail(
        mails[3]!.id,
        "worker-a",
        { status: "held", lastError: "mailbox_pending", notAnAttempt: true },
        null,
      ),
      settleMail(
        mails[4]!.id,
        "worker-a",
        { status: "sent", smtpResponse: "250 OK id=2", lastError: null },
        attempt("sent"),
      ),
      settleMail(
        mails[5]!.id,
        "worker-a",
        { status: "held", lastError: "mailbox_pending", notAnAttempt: true },
        null,
      ),
    ]);
    expect(moved).toEqual([true, true, true, true, false, false]);

    const rows = await db.outgoingMail.findMany({
      where: { id: { in: mails.map((m) => m.id) } },
      include: { attemptLog: true },
    });
    const row = (i: number) => rows.find((r) => r.id === mails[i]!.id)!;
    expect(row(0)).toMatchObject({
      status: "sent",
      smtpResponse: "250 OK id=1",
      leaseOwner: null,
      attempts: 1,
    });
    expect(row(0).sentAt).not.toBeNull();
    expect(row(1)).toMatchObject({
      status: "queued",
      lastError: "451 later",
      nextAttemptAt: retryAt,
      sentAt: null,
    });
    expect(row(2)).toMatchObject({ status: "failed", lastError: "550 no such user", sentAt: null });
    // Held before trying: the claim's count is given back, and no attempt is recorded.
    expect(row(3)).toMatchObject({ status: "held", attempts: 0, attemptLog: [] });
    // Another worker's leases are left alone; the stale attempt is recorded as lost.
    expect(row(4)).toMatchObject({ status: "sending", leaseOwner: "worker-b", smtpResponse: null });
    expect(row(4).attemptLog.map((a) => a.outcome)).toEqual(["lease_lost"]);
    expect(row(5)).toMatchObject({ status: "sending", leaseOwner: "worker-b", attempts: 1 });
    expect(row(0).attemptLog).toMatchObject([
      {
        outcome: "sent",
        smtpCode: 250,
        smtpResponse: "sent answer",
        workerId: "worker-a",
        number: 1,
        startedAt,
      },
    ]);
    expect(row(1).attemptLog.map((a) => a.outcome)).toEqual(["temporary"]);
    expect(row(2).attemptLog.map((a) => a.outcome)).toEqual(["permanent"]);

    const touched = await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(touched.lastUsedAt).not.toBeNull();
  });

  it("settles a lone mail at once, and a mail already settled never again", async () => {
    const { mails } = await leasedMails(2, "worker-a");
    const db = await getDb();
    expect(await settleMail(mails[0]!.id, "worker-a", { status: "failed", lastError: "550" }, null)).toBe(
      true,
    );
    expect(await settleMail(mails[0]!.id, "worker-a", { status: "sent", lastError: null }, null)).toBe(false);
    expect(
      await settleMail(mails[1]!.id, "worker-a", { status: "cancelled", lastError: "mailbox_revoked" }, null),
    ).toBe(true);
    const statuses = await db.outgoingMail.findMany({
      where: { id: { in: mails.map((m) => m.id) } },
      orderBy: { subject: "asc" },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["failed", "cancelled"]);
  });
});
