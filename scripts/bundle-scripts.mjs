// Compiles the processes other than the portal (worker, relay, migrations, operator command
// line, health check) into self-contained ES modules for the container image, which has
// neither tsx nor a full node_modules (docs/deploy.md). esbuild comes with tsx.
// Usage: node scripts/bundle-scripts.mjs <output folder> [entry.ts …]
// (other entry points: the benchmarks bundle their own servers the same way, bench/bundles.ts).
import { build } from "esbuild";

const [outdir, ...entries] = process.argv.slice(2);
if (!outdir) {
  console.error("Usage: node scripts/bundle-scripts.mjs <output folder> [entry.ts …]");
  process.exit(2);
}
const productionEntries = ["worker", "relay", "db-migrate", "relais", "healthcheck"].map(
  (name) => `scripts/${name}.ts`,
);
await build({
  entryPoints: entries.length > 0 ? entries : productionEntries,
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunk-[hash]",
  bundle: true,
  // Code the entry points share goes into chunk-*.mjs files once.
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // CommonJS packages inside an ES module still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as relaisCreateRequire } from 'node:module'; const require = relaisCreateRequire(import.meta.url);",
  },
  logLevel: "warning",
});
console.log(
  `Bundled ${entries.length > 0 ? entries.join(", ") : "worker, relay, db-migrate, relais and healthcheck"} into ${outdir}`,
);
