import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countEndingConnections } from "@/lib/dashboard/count-ending-connections";
import { getMailActivity } from "@/lib/dashboard/get-mail-activity";
import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

/**
 * A mail as the worker leaves it: sent at `sentAt`, failed at `updatedAt`, held since it was
 * queued (`createdAt`). `when` is that one moment.
 */
async function seedMail(tenantId: string, mailboxId: string, status: OutgoingMailStatus, when: Date) {
  const db = await getDb();
  const mail = await db.outgoingMail.create({
    data: {
      tenantId,
      mailboxId,
      messageId: `<${randomUUID()}@relais.test>`,
      source: "portal",
      to: ["someone@example.test"],
      subject: "Hello",
      text: "body",
      sizeBytes: 10,
      recipientCount: 1,
      status,
      createdAt: status === "held" ? when : new Date(when.getTime() - 60_000),
      ...(status === "sent" ? { sentAt: when } : {}),
    },
  });
  // Prisma sets updatedAt itself on create: the failure's time is written afterwards, in SQL.
  if (status === "failed") {
    await db.$executeRaw`UPDATE "OutgoingMail" SET "updatedAt" = ${when.toISOString()}::timestamp(3) WHERE id = ${mail.id}::uuid`;
  }
  return mail;
}

async function school(timeZone?: string) {
  const people = await seedTenantWithPeople();
  const db = await getDb();
  if (timeZone) await db.tenant.update({ where: { id: people.tenant.id }, data: { timeZone } });
  const config = await seedClientConfiguration(people.tenant.id, { provider: "google" });
  const mailbox = await seedMailbox(people.tenant.id, config.id, { state: "connected" });
  const ctx = await contextFor(people.admin, people.tenant, "mailboxes.read");
  return { ...people, config, mailbox, ctx };
}

const counts = (b: { sent: number; failed: number; held: number }) => [b.sent, b.failed, b.held];

describe("getMailActivity", () => {
  it("puts mail in the hour it was sent, failed or queued, in 24 buckets ending with the current hour", async () => {
    const a = await school("Europe/Paris");
    const other = await school("Europe/Paris");
    const now = at("2026-12-03T10:20:00Z"); // 11:20 in Paris
    await seedMail(a.tenant.id, a.mailbox.id, "sent", at("2026-12-03T10:05:00Z"));
    await seedMail(a.tenant.id, a.mailbox.id, "sent", at("2026-12-03T09:59:59Z"));
    await seedMail(a.tenant.id, a.mailbox.id, "sent", at("2026-12-03T09:00:00Z"));
    await seedMail(a.tenant.id, a.mailbox.id, "failed", at("2026-12-03T09:30:00Z"));
    await seedMail(a.tenant.id, a.mailbox.id, "held", at("2026-12-02T11:00:00Z")); // first bucket opens here
    await seedMail(a.tenant.id, a.mailbox.id, "sent", at("2026-12-02T10:59:59Z")); // just before: left out
    // Not counted: waiting, being sent, cancelled; another school's mail in the same hours.
    await seedMail(a.tenant.id, a.mailbox.id, "queued", at("2026-12-03T10:00:00Z"));
    await seedMail(a.tenant.id, a.mailbox.id, "sending", at("2026-12-03T10:00:00Z"));
    await seedMail(a.tenant.id, a.mailbox.id, "cancelled", at("2026-12-03T10:00:00Z"));
    await seedMail(other.tenant.id, other.mailbox.id, "sent", at("2026-12-03T10:05:00Z"));
    await seedMail(other.tenant.id, other.mailbox.id, "failed", at("2026-12-03T09:05:00Z"));
    await seedMail(other.tenant.id, other.mailbox.id, "held", at("2026-12-03T09:05:00Z"));

    const activity = await getMailActivity(a.ctx, "24h", now);
    expect(activity).toMatchObject({ range: "24h", unit: "hour", timeZone: "Europe/Paris" });
    expect(activity.buckets).toHaveLength(24);
    expect(activity.buckets[0]!.start).toBe("2026-12-02T11:00:00.000Z");
    expect(activity.buckets[23]).toEqual({
      start: "2026-12-03T10:00:00.000Z",
      end: "2026-12-03T11:00:00.000Z",
      sent: 1,
      failed: 0,
      held: 0,
    });
    expect(counts(activity.buckets[22]!)).toEqual([2, 1, 0]);
    expect(counts(activity.buckets[0]!)).toEqual([0, 0, 1]);
    // Empty hours are there, at zero.
    expect(activity.buckets.slice(1, 22).every((b) => b.sent + b.failed + b.held === 0)).toBe(true);
    expect(activity.totals).toEqual({ sent: 3, failed: 1, held: 1 });
  });

  it("cuts days on the school's clock: 23:30 UTC on 2 December is 3 December in Paris", async () => {
    const paris = await school("Europe/Paris");
    const now = at("2026-12-05T12:00:00Z");
    await seedMail(paris.tenant.id, paris.mailbox.id, "sent", at("2026-12-02T23:30:00Z"));
    await seedMail(paris.tenant.id, paris.mailbox.id, "sent", at("2026-12-02T22:59:59Z"));
    await seedMail(paris.tenant.id, paris.mailbox.id, "failed", at("2026-12-04T23:00:00Z"));
    const activity = await getMailActivity(paris.ctx, "7d", now);
    expect(activity.unit).toBe("day");
    expect(activity.buckets.map((b) => b.start)).toEqual([
      "2026-11-28T23:00:00.000Z",
      "2026-11-29T23:00:00.000Z",
      "2026-11-30T23:00:00.000Z",
      "2026-12-01T23:00:00.000Z",
      "2026-12-02T23:00:00.000Z",
      "2026-12-03T23:00:00.000Z",
      "2026-12-04T23:00:00.000Z",
    ]);
    expect(activity.buckets.at(-1)!.end).toBe("2026-12-05T23:00:00.000Z");
    expect(activity.buckets.map(counts)).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [1, 0, 0], // 2 December, 23:59:59 in Paris
      [1, 0, 0], // 3 December, 00:30 in Paris
      [0, 0, 0],
      [0, 1, 0], // 5 December, 00:00 in Paris: today
    ]);

    // The same mail read by a school in New York: both on 2 December, its clock 6 hours behind.
    const york = await school("America/New_York");
    await seedMail(york.tenant.id, york.mailbox.id, "sent", at("2026-12-02T23:30:00Z"));
    await seedMail(york.tenant.id, york.mailbox.id, "sent", at("2026-12-02T22:59:59Z"));
    const yorkDays = await getMailActivity(york.ctx, "7d", now);
    expect(yorkDays.buckets[3]).toMatchObject({ start: "2026-12-02T05:00:00.000Z", sent: 2 });
  });

  it("gives the days the clock changes 23 and 25 hours, and the night it goes back two 02:00 hours", async () => {
    const { ctx, tenant, mailbox } = await school("Europe/Paris");
    // Spring forward on 29 March 2026 (02:00 → 03:00), back on 25 October 2026 (03:00 → 02:00).
    const spring = await getMailActivity(ctx, "7d", at("2026-03-31T10:00:00Z"));
    const hours = spring.buckets.map((b) => (Date.parse(b.end) - Date.parse(b.start)) / HOUR);
    expect(hours).toEqual([24, 24, 24, 24, 23, 24, 24]);
    expect(spring.buckets[4]!.start).toBe("2026-03-28T23:00:00.000Z");

    await seedMail(tenant.id, mailbox.id, "sent", at("2026-10-24T22:30:00Z")); // 25 Oct, 00:30 CEST
    await seedMail(tenant.id, mailbox.id, "sent", at("2026-10-25T22:30:00Z")); // 25 Oct, 23:30 CET
    await seedMail(tenant.id, mailbox.id, "sent", at("2026-10-25T23:30:00Z")); // 26 Oct, 00:30 CET
    const autumn = await getMailActivity(ctx, "7d", at("2026-10-27T10:00:00Z"));
    const day = autumn.buckets[4]!;
    expect(day.start).toBe("2026-10-24T22:00:00.000Z");
    expect((Date.parse(day.end) - Date.parse(day.start)) / HOUR).toBe(25);
    expect(counts(day)).toEqual([2, 0, 0]);
    expect(counts(autumn.buckets[5]!)).toEqual([1, 0, 0]);

    // The 24 hours around the change are 24 real hours, each 60 minutes.
    await seedMail(tenant.id, mailbox.id, "failed", at("2026-10-25T00:30:00Z")); // 02:30 CEST
    await seedMail(tenant.id, mailbox.id, "failed", at("2026-10-25T01:30:00Z")); // 02:30 CET
    const night = await getMailActivity(ctx, "24h", at("2026-10-25T12:10:00Z"));
    expect(night.buckets).toHaveLength(24);
    expect(night.buckets.every((b) => Date.parse(b.end) - Date.parse(b.start) === HOUR)).toBe(true);
    expect(night.buckets[0]!.start).toBe("2026-10-24T13:00:00.000Z");
    const twoOClock = night.buckets.filter((b) => b.failed === 1).map((b) => b.start);
    expect(twoOClock).toEqual(["2026-10-25T00:00:00.000Z", "2026-10-25T01:00:00.000Z"]);
  });

  it("follows a zone half an hour off UTC, and covers 30 and 90 days", async () => {
    const { ctx, tenant, mailbox } = await school("Asia/Kolkata");
    const now = at("2026-12-03T10:20:00Z"); // 15:50 in Kolkata
    await seedMail(tenant.id, mailbox.id, "sent", at("2026-12-03T10:29:00Z")); // 15:59
    const hours = await getMailActivity(ctx, "24h", now);
    expect(hours.buckets.at(-1)).toMatchObject({ start: "2026-12-03T09:30:00.000Z", sent: 1 });

    await seedMail(tenant.id, mailbox.id, "held", new Date(now.getTime() - 29 * DAY));
    await seedMail(tenant.id, mailbox.id, "held", new Date(now.getTime() - 31 * DAY));
    await seedMail(tenant.id, mailbox.id, "sent", new Date(now.getTime() - 89 * DAY));
    await seedMail(tenant.id, mailbox.id, "sent", new Date(now.getTime() - 91 * DAY));
    const month = await getMailActivity(ctx, "30d", now);
    expect(month.buckets).toHaveLength(30);
    expect(month.totals).toEqual({ sent: 1, failed: 0, held: 1 });
    const quarter = await getMailActivity(ctx, "90d", now);
    expect(quarter.buckets).toHaveLength(90);
    expect(quarter.totals).toEqual({ sent: 2, failed: 0, held: 2 });
    expect(quarter.buckets[0]!.sent).toBe(1);
  });

  it("reads an unknown zone as the default, and refuses a member", async () => {
    const { ctx, tenant, member } = await school("Mars/Olympus_Mons");
    const activity = await getMailActivity(ctx, "7d", at("2026-12-05T12:00:00Z"));
    expect(activity.timeZone).toBe("Europe/Paris");
    expect(activity.buckets[0]!.start).toBe("2026-11-28T23:00:00.000Z");
    const memberCtx = await contextFor(member, tenant);
    await expect(getMailActivity(memberCtx, "24h")).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("countEndingConnections", () => {
  it("counts connected mailboxes ending within 30, 60 and 90 days, each horizon included, and no other", async () => {
    const a = await school();
    const b = await school();
    const db = await getDb();
    const now = at("2027-01-10T09:00:00Z");
    const ending = async (
      tenant: { id: string },
      configId: string,
      endsAt: Date,
      state: "connected" | "revoked" | "needs_reconnect" = "connected",
    ) => {
      const box = await seedMailbox(tenant.id, configId, { state, withTokens: true });
      // Google announces no end: the provider's announced end is the forecast (grantEndsAt, by the trigger).
      await db.mailbox.update({ where: { id: box.id }, data: { refreshTokenExpiresAt: endsAt } });
      return box;
    };
    const plus = (days: number, ms = 0) => new Date(now.getTime() + days * DAY + ms);
    await ending(a.tenant, a.config.id, plus(-2)); // already passed: within each
    await ending(a.tenant, a.config.id, plus(30)); // the 30-day horizon itself
    await ending(a.tenant, a.config.id, plus(30, 1));
    await ending(a.tenant, a.config.id, plus(60));
    await ending(a.tenant, a.config.id, plus(89));
    await ending(a.tenant, a.config.id, plus(90, 1)); // beyond
    await ending(a.tenant, a.config.id, plus(5), "revoked");
    await ending(a.tenant, a.config.id, plus(5), "needs_reconnect");
    // A Microsoft connection idle for 70 days: Microsoft's 90 days end it in 20.
    const microsoft = await seedClientConfiguration(a.tenant.id, { provider: "microsoft" });
    const idle = await seedMailbox(a.tenant.id, microsoft.id, { state: "connected" });
    await db.mailbox.update({ where: { id: idle.id }, data: { lastRefreshAt: plus(-70) } });
    // A connected mailbox without a refresh token has no forecast; another school's never counts.
    await seedMailbox(a.tenant.id, a.config.id, { state: "connected", withTokens: false });
    await ending(b.tenant, b.config.id, plus(3));

    await expect(countEndingConnections(a.ctx, now)).resolves.toEqual({ 30: 3, 60: 5, 90: 6 });
    await expect(countEndingConnections(b.ctx, now)).resolves.toEqual({ 30: 1, 60: 1, 90: 1 });
    await expect(countEndingConnections(await contextFor(a.member, a.tenant), now)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
