import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WORKER_NODE_FLAGS } from "../scripts/node-flags";

// How the benchmarks start the processes they measure: as production does. `npm run worker`,
// `npm run relay` and the image run the worker and the relay bundled by scripts/bundle-scripts.mjs;
// the benchmarks bundle the current sources the same way, once per run, and a benchmark's own
// server (a ceiling) with the same settings, so that both sides of a comparison run alike.
// BENCH_WORKER_TSX=1 and BENCH_RELAY_TSX=1 start the worker or the relay from the sources through
// tsx instead, to compare (bench/README.md); BENCH_WORKER_NODE_FLAGS="…" gives the worker other
// Node flags ("": none).

const made: string[] = [];
process.once("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "relais-bench-bundle-"));
  made.push(dir);
  return dir;
}

let production: string | undefined;

/** The production bundle's file for one of its entry points, bundled once per benchmark run. */
export function productionBundle(name: "worker" | "relay"): string {
  if (!production) {
    production = freshDir();
    execFileSync(process.execPath, [path.resolve("scripts/bundle-scripts.mjs"), production], {
      stdio: "ignore",
    });
  }
  return path.join(production, `${name}.mjs`);
}

/** A benchmark's own script, bundled as scripts/bundle-scripts.mjs bundles the production ones. */
export function benchBundle(entry: string): string {
  const dir = freshDir();
  execFileSync(process.execPath, [path.resolve("scripts/bundle-scripts.mjs"), dir, entry], {
    stdio: "ignore",
  });
  return path.join(dir, `${path.basename(entry, ".ts")}.mjs`);
}

/** Through tsx, from the sources (as `npm run worker:dev` does). */
const throughTsx = (script: string) => ["--import", "tsx", path.resolve(script)];

function workerNodeFlags(): string[] {
  const override = process.env.BENCH_WORKER_NODE_FLAGS;
  return override === undefined ? WORKER_NODE_FLAGS : override.split(/\s+/).filter(Boolean);
}

/** `node`'s arguments for one worker process; `extra` goes before the script (profiling flags). */
export function workerArgs(extra: string[] = []): string[] {
  const flags = [...workerNodeFlags(), ...extra];
  return process.env.BENCH_WORKER_TSX === "1"
    ? [...flags, ...throughTsx("scripts/worker.ts")]
    : [...flags, productionBundle("worker")];
}

const relayThroughTsx = process.env.BENCH_RELAY_TSX === "1";

/** `node`'s arguments for the relay (after its flags), as `npm run relay` starts it. */
export function relayArgs(): string[] {
  return relayThroughTsx ? throughTsx("scripts/relay.ts") : [productionBundle("relay")];
}

/** `node`'s arguments for a server the relay is compared with: run as the relay is, bundled or through tsx. */
export function besideRelayArgs(entry: string): string[] {
  return relayThroughTsx ? throughTsx(entry) : [benchBundle(entry)];
}

/** What the relay runs from, for the benchmark's printout. */
export const relayForm = (): string =>
  relayThroughTsx ? "scripts/relay.ts through tsx" : "bundled, as npm run relay runs it";
