import { defineConfig } from "prisma/config";

// The URL is only read by Prisma's own command line; Relais applies its
// migrations itself (scripts/db-migrate.ts) and connects through driver
// adapters at run time (lib/db/client.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/relais" },
});
