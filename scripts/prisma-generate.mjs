// Runs `prisma generate` without the native schema engine, which these
// machines cannot download: generation does not need it, so a stand-in
// binary is named when none is configured.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "scripts", "schema-engine-stand-in.sh");
}
if (!existsSync(path.join(root, "prisma", "schema.prisma"))) process.exit(0);
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
