#!/bin/sh
# Stand-in for Prisma's native schema engine, which `prisma generate` does not
# need. Migrations are applied by scripts/db-migrate.ts and created by
# scripts/db-new-migration.ts (WebAssembly engine), never by this binary.
echo "The native Prisma schema engine is not used by Relais; see docs/migrations.md" >&2
exit 1
