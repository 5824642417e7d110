import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { listMigrations, migrationsDir, schemaPath } from "./migrations";
import { pgliteExtensions } from "./pglite-extensions";

// Prisma's native schema engine cannot be downloaded here, so the next
// migration is computed by its WebAssembly build (an internal API, hence the
// pinned version in package.json) against an in-memory PGlite used as the
// shadow database: migrations replayed there are diffed with schema.prisma.

let ready: Promise<void> | undefined;

function loadEngine(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve("@prisma/schema-engine-wasm");
    const bytes = await readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": engineModule as unknown as WebAssembly.ModuleImports,
    });
    engineModule.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

/** SQL that brings a database migrated with prisma/migrations to schema.prisma; "" when none. */
export async function diffMigrationsToSchema(): Promise<string> {
  await loadEngine();
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  // The adapter's own shadow database is a bare PGlite, where the migrations'
  // CREATE EXTENSION fails: hand it one that loads them.
  const shadow = await PGlite.create({ extensions: pgliteExtensions });
  try {
    const factory = Object.assign(new PrismaPGlite(pglite), {
      connectToShadowDb: () => new PrismaPGlite(shadow).connect(),
    });
    const adapter = bindMigrationAwareSqlAdapterFactory(factory);
    const engine = await engineModule.SchemaEngine.new({ datamodels: undefined }, () => undefined, adapter);
    const migrations = await listMigrations();
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
        })),
      },
      to: {
        tag: "schemaDatamodel",
        files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }],
      },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    engine.free();
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  } finally {
    await pglite.close();
    await shadow.close();
  }
}
