import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { getTenantDashboard } from "@/lib/dashboard/get-tenant-dashboard";
import { listMailboxActivity } from "@/lib/mailboxes/list-mailbox-activity";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function seedMail(
  tenantId: string,
  mailboxId: string,
  status: OutgoingMailStatus,
  at: Date | null = null,
) {
  const db = await getDb();
  return db.outgoingMail.create({
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
      ...(status === "sent" ? { sentAt: at } : {}),
      ...(status === "failed" && at ? { updatedAt: at } : {}),
    },
  });
}

/** Two tenants with mailboxes and mail in every state; A's figures must count A's only. */
async function seedSchools(now: Date) {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const db = await getDb();
  const google = await seedClientConfiguration(a.tenant.id, { provider: "google" });
  const microsoft = await seedClientConfiguration(a.tenant.id, { provider: "microsoft" });
  await db.clientConfiguration.update({
    where: { id: microsoft.id },
    data: { brokenAt: new Date(now.getTime() - HOUR) },
  });
  const connected = await seedMailbox(a.tenant.id, google.id, { state: "connected" });
  await seedMailbox(a.tenant.id, google.id, { state: "connected" });
  // Dies in 3 days by the provider's word, and one in 10 days by Microsoft's 90 days idle.
  const announced = await seedMailbox(a.tenant.id, google.id, {
    state: "connected",
    address: "announced@a.test",
  });
  await db.mailbox.update({
    where: { id: announced.id },
    data: { refreshTokenExpiresAt: new Date(now.getTime() + 3 * DAY) },
  });
  const idle = await seedMailbox(a.tenant.id, microsoft.id, { state: "connected", address: "idle@a.test" });
  await db.mailbox.update({
    where: { id: idle.id },
    data: { lastRefreshAt: new Date(now.getTime() - 80 * DAY) },
  });
  // Microsoft, refreshed recently: not dying.
  const fresh = await seedMailbox(a.tenant.id, microsoft.id, { state: "connected" });
  await db.mailbox.update({
    where: { id: fresh.id },
    data: { lastRefreshAt: new Date(now.getTime() - DAY) },
  });
  await seedMailbox(a.tenant.id, google.id, { state: "needs_reconnect" });
  await seedMailbox(a.tenant.id, google.id, { state: "insufficient_scope" });
  await seedMailbox(a.tenant.id, microsoft.id, { state: "config_error" });
  await seedMailbox(a.tenant.id, google.id, { state: "revoked" });
  await seedMailbox(a.tenant.id, google.id);
  await seedMailbox(a.tenant.id, google.id);

  await seedMail(a.tenant.id, connected.id, "queued");
  await seedMail(a.tenant.id, connected.id, "queued");
  await seedMail(a.tenant.id, connected.id, "held");
  await seedMail(a.tenant.id, connected.id, "sending");
  await seedMail(a.tenant.id, connected.id, "cancelled");
  await seedMail(a.tenant.id, connected.id, "sent", new Date(now.getTime() - 30 * 60_000));
  await seedMail(a.tenant.id, connected.id, "sent", new Date(now.getTime() - 30 * 60_000));
  await seedMail(a.tenant.id, connected.id, "sent", new Date(now.getTime() - 5 * HOUR));
  await seedMail(a.tenant.id, connected.id, "sent", new Date(now.getTime() - 2 * DAY));
  await seedMail(a.tenant.id, connected.id, "failed", new Date(now.getTime() - 2 * HOUR));
  await seedMail(a.tenant.id, connected.id, "failed", new Date(now.getTime() - 3 * DAY));

  // Tenant B: everything that could leak into A's figures.
  const bConfig = await seedClientConfiguration(b.tenant.id, { provider: "microsoft" });
  await db.clientConfiguration.update({ where: { id: bConfig.id }, data: { brokenAt: new Date() } });
  const bMailbox = await seedMailbox(b.tenant.id, bConfig.id, { state: "connected" });
  await db.mailbox.update({
    where: { id: bMailbox.id },
    data: { refreshTokenExpiresAt: new Date(now.getTime() + DAY) },
  });
  await seedMailbox(b.tenant.id, bConfig.id, { state: "needs_reconnect" });
  await seedMail(b.tenant.id, bMailbox.id, "queued");
  await seedMail(b.tenant.id, bMailbox.id, "sent", new Date(now.getTime() - 30 * 60_000));
  await seedMail(b.tenant.id, bMailbox.id, "failed", new Date(now.getTime() - HOUR));
  return { a, b, microsoft };
}

describe("getTenantDashboard", () => {
  it("counts exactly the tenant's mailboxes, connections, queue and mail", async () => {
    const now = new Date();
    const { a, microsoft } = await seedSchools(now);
    const ctx = await contextFor(a.admin, a.tenant, "mailboxes.read");
    const dashboard = await getTenantDashboard(ctx, now);

    expect(dashboard.counts).toEqual({
      pending: 2,
      connected: 5,
      needs_reconnect: 1,
      insufficient_scope: 1,
      revoked: 1,
      config_error: 1,
    });
    expect(dashboard.dying.total).toBe(2);
    expect(dashboard.dying.mailboxes.map((m) => m.address)).toEqual(["announced@a.test", "idle@a.test"]);
    expect(dashboard.brokenConfigurations.map((c) => c.id)).toEqual([microsoft.id]);
    expect(dashboard.queue).toEqual({ queued: 2, held: 1, sending: 1, total: 4 });
    expect(dashboard.sent24h).toBe(3);
    expect(dashboard.failed24h).toBe(1);
  });

  it("refuses a member", async () => {
    const a = await seedTenantWithPeople();
    const ctx = await contextFor(a.member, a.tenant);
    await expect(getTenantDashboard(ctx)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("listMailboxActivity", () => {
  it("gives a mailbox's last mails and audit trail, within the tenant and as the person may see them", async () => {
    const a = await seedTenantWithPeople();
    const b = await seedTenantWithPeople();
    const config = await seedClientConfiguration(a.tenant.id);
    const mailbox = await seedMailbox(a.tenant.id, config.id, {
      state: "connected",
      assignedTo: [a.member.id],
    });
    const other = await seedMailbox(a.tenant.id, config.id, { state: "connected" });
    const bConfig = await seedClientConfiguration(b.tenant.id);
    const bMailbox = await seedMailbox(b.tenant.id, bConfig.id, { state: "connected" });
    for (let i = 0; i < 22; i++) await seedMail(a.tenant.id, mailbox.id, "queued");
    await seedMail(a.tenant.id, other.id, "queued");
    await seedMail(b.tenant.id, bMailbox.id, "queued");
    const db = await getDb();
    await db.auditEntry.createMany({
      data: [
        {
          tenantId: a.tenant.id,
          actorLabel: "x",
          action: "mailbox.created",
          targetType: "mailbox",
          targetId: mailbox.id,
        },
        {
          tenantId: a.tenant.id,
          actorLabel: "x",
          action: "mailbox.created",
          targetType: "mailbox",
          targetId: other.id,
        },
        // Another tenant's entry naming A's mailbox id must not show.
        {
          tenantId: b.tenant.id,
          actorLabel: "x",
          action: "mailbox.deleted",
          targetType: "mailbox",
          targetId: mailbox.id,
        },
      ],
    });

    const admin = await contextFor(a.admin, a.tenant);
    const activity = await listMailboxActivity(admin, mailbox.id);
    expect(activity.mails).toHaveLength(20);
    expect(activity.audit?.map((e) => e.action)).toEqual(["mailbox.created"]);

    const member = await contextFor(a.member, a.tenant);
    const own = await listMailboxActivity(member, mailbox.id);
    expect(own.mails).toHaveLength(20);
    expect(own.audit).toBeNull();
    expect((await listMailboxActivity(member, other.id)).mails).toEqual([]);
    expect((await listMailboxActivity(admin, bMailbox.id)).mails).toEqual([]);
  });
});
