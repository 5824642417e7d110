import { createServer, type Server, type Socket } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { useDb } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { checkHealth } from "@/lib/health/check-health";
import packageJson from "@/package.json";
import { captureLogs } from "../support/capture-logs";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

function clientAt(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/** Runs `body` with another database installed as the process's, then puts the test's back. */
async function withDatabase<T>(client: PrismaClient, body: () => Promise<T>): Promise<T> {
  useDb(client, "postgresql");
  try {
    return await body();
  } finally {
    useDb(database.db, database.kind, database.pool);
  }
}

describe("checkHealth", () => {
  it("is ok with the test database, and says which kind it is", async () => {
    const report = await checkHealth();
    expect(report).toMatchObject({
      status: "ok",
      version: packageJson.version,
      database: { kind: database.kind, reachable: true },
    });
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("answers 200 with that report on /api/health", async () => {
    const response = await healthRoute();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true } });
  });

  it("answers 503 when nothing listens, logs why, and tells the client nothing more", async () => {
    const logs = captureLogs();
    const response = await withDatabase(clientAt("postgresql://postgres@127.0.0.1:1/nope"), () =>
      healthRoute(),
    ).finally(logs.restore);
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      status: "error",
      version: packageJson.version,
      database: { kind: "postgresql", reachable: false, latencyMs: null },
    });
    expect(body).not.toMatch(/127\.0\.0\.1|nope|ECONNREFUSED|can't reach/i);
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "Health check: the database did not answer",
        database: "postgresql",
        err: expect.objectContaining({ type: expect.any(String) }),
      }),
    ]);
  });

  it("gives up on a server that accepts the connection but never answers", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const client = clientAt(`postgresql://postgres@127.0.0.1:${port}/silent`);
    try {
      const report = await withDatabase(client, () => checkHealth({ timeoutMs: 300 }));
      expect(report).toMatchObject({ status: "error", database: { reachable: false, latencyMs: null } });
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      // The pending connection keeps the client's pool open until the server lets go.
      for (const socket of sockets) socket.destroy();
      await client.$disconnect().catch(() => undefined);
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
