import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startWorker } from "@/lib/worker/run-worker";
import { seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { connectAtFake, seedFakeConfiguration, useTokenTestEnvironment } from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

useTokenTestEnvironment();
useTestDatabase();

const fakes = useTokenFakes();

describe("a worker's background chores", () => {
  it("refresh connections left idle, without anyone sending mail", async () => {
    const { tenant } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: `holiday-${crypto.randomUUID().slice(0, 6)}@college.test`,
    });
    const db = await getDb();
    const longAgo = new Date(Date.now() - 60 * 24 * 3600 * 1000);
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { lastRefreshAt: longAgo, connectedAt: longAgo },
    });

    const worker = startWorker({ maintenanceEveryMs: 1, pollMs: 20 });
    try {
      await expect
        .poll(
          async () =>
            (await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).lastRefreshAt?.getTime() ?? 0,
          { timeout: 20_000, interval: 200 },
        )
        .toBeGreaterThan(longAgo.getTime());
    } finally {
      await worker.stop();
    }
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).state).toBe("connected");
  });
});
