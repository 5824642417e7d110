import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const schemaPath = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "schema.prisma");
export const migrationsDir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

export interface Migration {
  name: string;
  sql: string;
  /** Prisma's checksum: sha256 of the file, hex. */
  checksum: string;
}

export async function listMigrations(): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** The smallest thing a migration runner needs from a database connection. */
export interface SqlRunner {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements (one migration file) inside a transaction. */
  execInTransaction(statements: string, after: { sql: string; params: unknown[] }): Promise<void>;
}

const historyTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

/**
 * Applies the migrations not yet recorded, each in its own transaction, and
 * records them the way `prisma migrate deploy` does, so that either tool can
 * take over the history. A recorded migration whose file changed is refused.
 */
export async function applyMigrations(db: SqlRunner): Promise<string[]> {
  await db.query(historyTable);
  // One migrator at a time across processes sharing a PostgreSQL server.
  await db.query("SELECT pg_advisory_lock(72707369)");
  try {
    const applied = await db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const known = new Map(applied.map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const migration of await listMigrations()) {
      const checksum = known.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await db.execInTransaction(migration.sql, {
        sql: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
              VALUES ($1, $2, $3, now(), 1)`,
        params: [randomUUID(), migration.checksum, migration.name],
      });
      done.push(migration.name);
    }
    return done;
  } finally {
    await db.query("SELECT pg_advisory_unlock(72707369)");
  }
}
