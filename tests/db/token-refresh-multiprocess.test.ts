import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { seedTenantWithPeople } from "../support/factories";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { connectAtFake, seedFakeConfiguration, useTokenTestEnvironment } from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

useTokenTestEnvironment();
const database = useTestDatabase();
const CALLS_PER_PROCESS = 10;

const fakes = useTokenFakes({ strictRotation: true });

type WorkerReport = { tokens: string[]; errors: string[]; refreshed: number };

function startWorker(mailboxId: string, tenantId: string) {
  const child = spawn(
    "npx",
    ["tsx", path.join("tests", "multi", "refresh-worker.ts"), mailboxId, tenantId, String(CALLS_PER_PROCESS)],
    {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        RELAIS_ENCRYPTION_KEY: process.env.RELAIS_ENCRYPTION_KEY,
        RELAIS_ALLOW_LOCAL_PROVIDERS: "true",
      },
    },
  ) as ChildProcessWithoutNullStreams;
  let output = "";
  let stderr = "";
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("ready\n")) onReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<WorkerReport>((resolve, reject) => {
    child.on("close", () => {
      const line = output.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as WorkerReport);
      else reject(new Error(`worker printed no report: ${stderr.slice(-2000)}`));
    });
  });
  return { ready, done, go: () => child.stdin.write("go\n") };
}

describe.runIf(realPostgresAvailable("two processes refreshing one connection"))("two processes", () => {
  it("send exactly one refresh to a strict-rotation provider, and the grant still works afterwards", async () => {
    const { tenant } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = `multi-${crypto.randomUUID().slice(0, 8)}@lycee.test`;
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      accessExpiresIn: 30,
      // An hour-long token near its end (a token issued for 30 s would be good for most of them).
      connectedAt: new Date(Date.now() - (3600 - 30) * 1000),
    });
    fakes.control.resetStats();

    const workers = [startWorker(mailbox.id, tenant.id), startWorker(mailbox.id, tenant.id)];
    await Promise.all(workers.map((w) => w.ready));
    for (const worker of workers) worker.go();
    const reports = await Promise.all(workers.map((w) => w.done));

    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    const tokens = reports.flatMap((r) => r.tokens);
    expect(tokens).toHaveLength(2 * CALLS_PER_PROCESS);
    expect(new Set(tokens).size).toBe(1);
    expect(reports.reduce((sum, r) => sum + r.refreshed, 0)).toBe(1);
    expect(fakes.control.stats().refreshRequests[email]).toBe(1);

    const forced = await getAccessToken(mailbox.id, { tenantId: tenant.id, forceRefresh: true });
    expect(forced.refreshed).toBe(true);
    expect(fakes.control.stats().refreshRequests[email]).toBe(2);
  }, 60_000);
});
