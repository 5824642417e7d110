import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
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
});
