import packageJson from "@/package.json";
import { databaseKind, getDb, type DatabaseKind } from "@/lib/db/client";
import type { Log } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";

export interface HealthReport {
  status: "ok" | "error";
  version: string;
  database: { kind: DatabaseKind; reachable: boolean; latencyMs: number | null };
}

class Timeout extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * For load balancers and monitoring: is the database answering? Says which
 * kind it is and how fast, never why it failed (that goes to the server's
 * log: a driver's message can name hosts and users).
 */
export async function checkHealth(options: { timeoutMs?: number; log?: Log } = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  let kind: DatabaseKind = process.env.DATABASE_URL ? "postgresql" : "embedded";
  const started = performance.now();
  try {
    await within(
      (async () => {
        const db = await getDb();
        kind = await databaseKind();
        await db.$queryRaw`SELECT 1`;
      })(),
      timeoutMs,
    );
    const latencyMs = Math.round(performance.now() - started);
    return { status: "ok", version: packageJson.version, database: { kind, reachable: true, latencyMs } };
  } catch (error) {
    (options.log ?? logger()).error(
      { database: kind, err: error },
      "Health check: the database did not answer",
    );
    return {
      status: "error",
      version: packageJson.version,
      database: { kind, reachable: false, latencyMs: null },
    };
  }
}
