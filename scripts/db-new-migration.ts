import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffMigrationsToSchema } from "../lib/db/schema-engine";
import { migrationsDir } from "../lib/db/migrations";

// Usage: npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// brings the existing migrations to prisma/schema.prisma.
async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:new-migration -- <name>   (lower-case letters, digits and _)");
    process.exit(2);
  }
  const sql = await diffMigrationsToSchema();
  if (!sql.trim()) {
    console.log("prisma/schema.prisma and prisma/migrations agree: no migration needed.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
