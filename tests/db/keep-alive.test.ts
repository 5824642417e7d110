import { beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "@/lib/cli/command";
import { runCli } from "@/lib/cli/run-cli";
import { getDb } from "@/lib/db/client";
import { runKeepAliveBatch } from "@/lib/tokens/keep-alive";
import { keepAliveDays } from "@/lib/tokens/keep-alive-settings";
import { seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { connectAtFake, seedFakeConfiguration, useTokenTestEnvironment } from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

useTokenTestEnvironment();
delete process.env.RELAIS_KEEPALIVE_DAYS;
useTestDatabase();

const DAY_MS = 24 * 3600 * 1000;
const fakes = useTokenFakes({ strictRotation: true });
beforeEach(() => fakes.control.resetStats());

const refreshesOf = (email: string) => fakes.control.stats().refreshRequests[email] ?? 0;

/** Connections of one school, each last refreshed `idleDays` ago (null: connected today, never refreshed). */
async function seedSchool(idleDays: (number | null)[]) {
  const { tenant } = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
  const db = await getDb();
  const connections = [];
  for (const [index, days] of idleDays.entries()) {
    const email = `idle${days ?? "new"}-${index}-${crypto.randomUUID().slice(0, 6)}@college.test`;
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
    });
    if (days !== null) {
      const at = new Date(Date.now() - days * DAY_MS);
      await db.mailbox.update({ where: { id: mailbox.id }, data: { lastRefreshAt: at, connectedAt: at } });
    }
    connections.push({ id: mailbox.id, email, days });
  }
  return { tenant, config, connections };
}

async function clearOtherIdleConnections(keep: string[]) {
  // Earlier tests' connections must not take this test's batch.
  const db = await getDb();
  await db.mailbox.updateMany({ where: { id: { notIn: keep } }, data: { lastRefreshAt: new Date() } });
}

describe("runKeepAliveBatch", () => {
  it("refreshes only connections idle past the threshold, oldest first, at most `limit` per run", async () => {
    const { connections } = await seedSchool([40, null, 60, 1, 50, 29]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    const byDays = (days: number | null) => connections.find((c) => c.days === days)!;

    const first = await runKeepAliveBatch({ limit: 2 });

    expect(first.considered).toBe(2);
    expect(first.refreshed).toEqual([byDays(60).id, byDays(50).id]);
    expect(refreshesOf(byDays(60).email)).toBe(1);
    expect(refreshesOf(byDays(50).email)).toBe(1);
    expect(refreshesOf(byDays(40).email)).toBe(0);

    const second = await runKeepAliveBatch({ limit: 10 });
    expect(second.refreshed).toEqual([byDays(40).id]);
    for (const days of [null, 1, 29]) expect(refreshesOf(byDays(days).email)).toBe(0);

    const db = await getDb();
    const rows = await db.mailbox.findMany({ where: { id: { in: connections.map((c) => c.id) } } });
    for (const row of rows) {
      expect(row.state).toBe("connected");
      expect(Date.now() - (row.lastRefreshAt ?? row.connectedAt!).getTime()).toBeLessThan(30 * DAY_MS);
    }
    expect((await runKeepAliveBatch({ limit: 10 })).considered).toBe(0);
  });

  it("skips connections that need a person, and those of a refused configuration", async () => {
    const { connections, config } = await seedSchool([45, 45]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    const db = await getDb();
    await db.mailbox.update({ where: { id: connections[0]!.id }, data: { state: "needs_reconnect" } });
    await db.clientConfiguration.update({ where: { id: config.id }, data: { brokenAt: new Date() } });

    const report = await runKeepAliveBatch({ limit: 10 });

    expect(report.considered).toBe(0);
    expect(fakes.control.stats().tokenRequestsByGrantType.refresh_token ?? 0).toBe(0);
  });

  it("a connection unused past Microsoft's 90 days is found dead and marked for reconnecting", async () => {
    const { connections } = await seedSchool([95]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    fakes.control.expireRefreshTokens(connections[0]!.email);

    const report = await runKeepAliveBatch({ limit: 10 });

    expect(report.unavailable).toEqual([connections[0]!.id]);
    const row = await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: connections[0]!.id } });
    expect(row).toMatchObject({ state: "needs_reconnect", lastErrorCode: "AADSTS700082" });
  });

  it("runs from the command line with a limit", async () => {
    const { connections } = await seedSchool([70, 80]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    const out: string[] = [];
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      readStdin: async () => "",
    };

    const code = await runCli(["tokens:keep-alive", "--limit", "1", "--max-pause-ms", "0"], io);

    expect(code).toBe(0);
    expect(out.join("\n")).toContain("1 connection(s) idle for 30 days or more: 1 refreshed");
    expect(refreshesOf(connections[1]!.email)).toBe(1);
    expect(refreshesOf(connections[0]!.email)).toBe(0);
    expect(await runCli(["tokens:keep-alive", "--limit", "-1"], io)).toBe(2);
  });
});

describe("keepAliveDays", () => {
  it("defaults to 30 and refuses settings that would let Microsoft tokens die", () => {
    expect(keepAliveDays({})).toBe(30);
    expect(keepAliveDays({ RELAIS_KEEPALIVE_DAYS: "14" })).toBe(14);
    expect(() => keepAliveDays({ RELAIS_KEEPALIVE_DAYS: "120" })).toThrow(/RELAIS_KEEPALIVE_DAYS/);
    expect(() => keepAliveDays({ RELAIS_KEEPALIVE_DAYS: "soon" })).toThrow(/RELAIS_KEEPALIVE_DAYS/);
  });
});
