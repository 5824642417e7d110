import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Next.js resolves "server-only" itself; outside it the package throws on import.
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
};

// Code under test logs nowhere unless RELAIS_LOG_LEVEL asks (tests/support/quiet-logs.ts).
const setupFiles = ["tests/support/quiet-logs.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", setupFiles },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          setupFiles,
          // The db and e2e setups share one PostgreSQL per run: TEST_DATABASE_URL, or one
          // they start (tests/support/embedded-postgres-setup.ts, docs/testing.md).
          globalSetup: ["tests/support/db-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          setupFiles,
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
