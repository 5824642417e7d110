import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "./generated/client";
import { lockDataDir } from "./embedded-lock";
import { applyMigrations } from "./migrations";
import { pgliteRunner } from "./sql-runners";

export type Db = PrismaClient;
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export type DatabaseKind = "postgresql" | "embedded";

interface DbHandle {
  kind: DatabaseKind;
  client: PrismaClient;
  /** Frees what the client does not own: the embedded database and its folder lock. */
  release?: () => Promise<void>;
}

// Kept on globalThis so that the development server's module reloads do not
// open a second PGlite on the same folder.
const state = globalThis as typeof globalThis & {
  __relaisDb?: Promise<DbHandle>;
  /** The open handle's pool, readable without waiting (or opening anything). */
  __relaisDbPool?: Pool;
};

export function embeddedDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.RELAIS_DATA_DIR ?? ".relais-data");
}

async function openEmbedded(): Promise<DbHandle> {
  // Loaded here only: a process on PostgreSQL (the worker, a server with DATABASE_URL) never
  // needs PGlite, which weighs about 40 MiB of memory when loaded through tsx (bench/README.md).
  const [{ PGlite }, { PrismaPGlite }, { pgliteExtensions }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
    import("./pglite-extensions"),
  ]);
  const dataDir = embeddedDataDir();
  const unlock = lockDataDir(dataDir);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(path.join(dataDir, "pgdata"), { extensions: pgliteExtensions });
    await applyMigrations(pgliteRunner(pglite));
  } catch (error) {
    await pglite?.close();
    unlock();
    throw error;
  }
  const opened = pglite;
  return {
    kind: "embedded",
    client: new PrismaClient({ adapter: new PrismaPGlite(opened) }),
    // The Prisma adapter leaves the PGlite open, and the folder stays locked
    // until it is closed: a script that seeds before starting the server must
    // hand the folder over.
    release: async () => {
      await opened.close();
      unlock();
    },
  };
}

function openPostgres(url: string): DbHandle {
  // The pool is made here rather than by the adapter, which keeps its own out of reach: the
  // metrics read its counts. The adapter still ends it when the client disconnects.
  const pool = new Pool({ connectionString: url });
  // An idle connection the server drops (a restart, a failover) is an event, not a crash: the pool
  // opens another when asked. Prisma adds its own listener only once it connects, and the named
  // statements (named-sql.ts) may use the pool first.
  pool.on("error", (error) =>
    // A warning on stderr: this bottom layer logs through nothing of the app's (docs/architecture.md).
    process.emitWarning(`Database connection lost (${error.message}); it is opened again when needed`),
  );
  state.__relaisDbPool = pool;
  return {
    kind: "postgresql",
    client: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }),
  };
}

function open(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  return url ? Promise.resolve(openPostgres(url)) : openEmbedded();
}

function handle(): Promise<DbHandle> {
  if (!state.__relaisDb) {
    state.__relaisDb = open();
    // A failed open (locked folder, unreachable server) is retried on the next call.
    state.__relaisDb.catch(() => {
      state.__relaisDb = undefined;
    });
  }
  return state.__relaisDb;
}

/** The one Prisma client of this process: PostgreSQL with DATABASE_URL, embedded PGlite without. */
export async function getDb(): Promise<Db> {
  return (await handle()).client;
}

export async function databaseKind(): Promise<DatabaseKind> {
  return (await handle()).kind;
}

/** The `pg` pool of the process's PostgreSQL client when one is open; never opens one. */
export function currentDbPool(): Pool | undefined {
  return state.__relaisDbPool;
}

/**
 * Tests and scripts that bring their own client (an in-memory PGlite, a per-test database), with
 * the `pg` pool under it when they made one, for the named statements (named-sql.ts).
 */
export function useDb(client: Db, kind: DatabaseKind, pool?: Pool): void {
  state.__relaisDb = Promise.resolve({ kind, client });
  state.__relaisDbPool = pool;
}

export async function disconnectDb(): Promise<void> {
  const current = state.__relaisDb;
  state.__relaisDb = undefined;
  state.__relaisDbPool = undefined;
  if (!current) return;
  const { client, release } = await current;
  await client.$disconnect();
  await release?.();
}
