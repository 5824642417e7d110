import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getMailActivity } from "@/lib/dashboard/get-mail-activity";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { getOperatorOverview } from "@/lib/operator/get-operator-overview";
import { setTenantSuspension } from "@/lib/operator/set-tenant-suspension";
import { contextFor, seedTenantWithPeople, seedUser } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

const operatorActor = (user: { id: string; email: string }) => ({
  userId: user.id,
  email: user.email,
  ip: null,
});

afterEach(() => {
  delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID;
  delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET;
});

describe("operator", () => {
  it("suspends a school: its people get not found until it is reinstated, with an entry each time", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const operator = await seedUser({ isOperator: true });
    await expect(setTenantSuspension(operatorActor(operator), tenant.id, true)).resolves.toEqual({
      id: tenant.id,
      changed: true,
    });
    await expect(contextFor(admin, tenant)).rejects.toMatchObject({ code: "not_found" });
    await setTenantSuspension(operatorActor(operator), tenant.id, false);
    await expect(contextFor(admin, tenant)).resolves.toMatchObject({ tenantId: tenant.id });
    const db = await getDb();
    const entries = await db.auditEntry.findMany({
      where: { tenantId: tenant.id, targetType: "tenant" },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true },
    });
    expect(entries).toEqual([
      { action: "tenant.suspended", actorId: operator.id },
      { action: "tenant.unsuspended", actorId: operator.id },
    ]);
    await expect(setTenantSuspension(operatorActor(operator), randomUUID(), true)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("counts each school's mailboxes and waiting mail, and shows no secret", async () => {
    process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID = "11111111-2222-4333-8444-555555555555";
    process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET = "platform-secret-value";
    const a = await seedTenantWithPeople();
    const b = await seedTenantWithPeople();
    const config = await seedClientConfiguration(a.tenant.id);
    const db = await getDb();
    await db.clientConfiguration.update({
      where: { id: config.id },
      data: { clientSecretCipher: "v1:tenant-secret-cipher" },
    });
    const box = await seedMailbox(a.tenant.id, config.id, { state: "connected" });
    await seedMailbox(a.tenant.id, config.id, { state: "needs_reconnect" });
    await db.outgoingMail.create({
      data: {
        tenantId: a.tenant.id,
        mailboxId: box.id,
        messageId: `<${randomUUID()}@relais.test>`,
        source: "portal",
        subject: "Secret subject",
        text: "secret body",
        sizeBytes: 1,
        recipientCount: 1,
        status: "queued",
        nextAttemptAt: new Date(Date.now() - 60_000),
      },
    });
    const overview = await getOperatorOverview();
    const rowA = overview.tenants.find((t) => t.id === a.tenant.id);
    const rowB = overview.tenants.find((t) => t.id === b.tenant.id);
    expect(rowA?.mailboxes).toEqual({ connected: 1, needs_reconnect: 1 });
    expect(rowA?.mail).toEqual({ queued: 1 });
    expect(rowB?.mailboxes).toEqual({});
    expect(overview.platformApplication).toEqual({
      configured: true,
      clientId: "11111111-2222-4333-8444-555555555555",
      invalid: false,
    });
    expect(overview.health).toMatchObject({ status: "ok", reachable: true });
    expect(overview.workers.active).toBe(0);
    expect(overview.workers.oldestDueQueuedSeconds).toBeGreaterThanOrEqual(59);
    const text = JSON.stringify(overview);
    for (const secret of [
      "platform-secret-value",
      "tenant-secret-cipher",
      "placeholder",
      "secret body",
      "Secret subject",
      box.address,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("gives each school's mail over a period, cut in its own time zone, and its connections ending", async () => {
    const paris = await seedTenantWithPeople();
    const york = await seedTenantWithPeople();
    const db = await getDb();
    await db.tenant.update({ where: { id: york.tenant.id }, data: { timeZone: "America/New_York" } });
    const now = new Date("2026-12-05T12:00:00Z");
    const mail = async (tenantId: string, mailboxId: string, status: OutgoingMailStatus, iso: string) => {
      const at = new Date(iso);
      const row = await db.outgoingMail.create({
        data: {
          tenantId,
          mailboxId,
          messageId: `<${randomUUID()}@relais.test>`,
          source: "api",
          subject: "x",
          sizeBytes: 1,
          recipientCount: 1,
          status,
          createdAt: at,
          ...(status === "sent" ? { sentAt: at } : {}),
        },
      });
      await db.$executeRaw`UPDATE "OutgoingMail" SET "updatedAt" = ${at.toISOString()}::timestamp(3) WHERE id = ${row.id}::uuid`;
    };
    const schools = [];
    for (const school of [paris, york]) {
      const config = await seedClientConfiguration(school.tenant.id);
      const box = await seedMailbox(school.tenant.id, config.id, { state: "connected" });
      // The same instants for both: 28 November at 23:30 UTC is 29 November in Paris (the 7 days'
      // first day) and still 28 November in New York (before them).
      await mail(school.tenant.id, box.id, "sent", "2026-11-28T23:30:00Z");
      await mail(school.tenant.id, box.id, "sent", "2026-12-05T10:00:00Z");
      await mail(school.tenant.id, box.id, "failed", "2026-12-04T10:00:00Z");
      await mail(school.tenant.id, box.id, "held", "2026-12-03T10:00:00Z");
      await mail(school.tenant.id, box.id, "queued", "2026-12-03T10:00:00Z");
      const ending = await seedMailbox(school.tenant.id, config.id, { state: "connected" });
      await db.mailbox.update({
        where: { id: ending.id },
        data: { refreshTokenExpiresAt: new Date(now.getTime() + 40 * 86_400_000) },
      });
      schools.push(school);
    }
    const overview = await getOperatorOverview(now, "7d");
    expect(overview.range).toBe("7d");
    const row = (id: string) => overview.tenants.find((t) => t.id === id)!;
    expect(row(paris.tenant.id).activity).toEqual({ sent: 2, failed: 1, held: 1 });
    expect(row(york.tenant.id).activity).toEqual({ sent: 1, failed: 1, held: 1 });
    // The figure is the total under the school's own chart.
    for (const school of schools) {
      const own = await getMailActivity(
        await contextFor(school.admin, school.tenant, "mailboxes.read"),
        "7d",
        now,
      );
      expect(row(school.tenant.id).activity).toEqual(own.totals);
    }
    expect(row(paris.tenant.id).ending).toEqual({ 30: 0, 60: 1, 90: 1 });
    const hours = await getOperatorOverview(now, "24h");
    expect(row(paris.tenant.id).activity).not.toEqual(
      hours.tenants.find((t) => t.id === paris.tenant.id)!.activity,
    );
    expect(hours.tenants.find((t) => t.id === york.tenant.id)!.activity).toEqual({
      sent: 1,
      failed: 0,
      held: 0,
    });
  });
});
