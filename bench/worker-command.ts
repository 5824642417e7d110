import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WORKER_NODE_FLAGS } from "../scripts/node-flags";

// How the benchmarks start an outbox worker: as production does (`npm run worker` and the image
// both run the worker bundled by scripts/bundle-scripts.mjs, with the flags of
// scripts/node-flags.ts), from a bundle of the current sources made once per benchmark run.
// BENCH_WORKER_TSX=1 starts it from the sources through tsx instead, to compare (bench/README.md,
// "Outbox throughput"); BENCH_WORKER_NODE_FLAGS="…" gives it other Node flags ("": none).

let bundleDir: string | undefined;

function bundledWorker(): string {
  if (!bundleDir) {
    bundleDir = mkdtempSync(path.join(os.tmpdir(), "relais-bench-worker-"));
    execFileSync(process.execPath, [path.resolve("scripts/bundle-scripts.mjs"), bundleDir], {
      stdio: "ignore",
    });
    const made = bundleDir;
    process.once("exit", () => rmSync(made, { recursive: true, force: true }));
  }
  return path.join(bundleDir, "worker.mjs");
}

function workerNodeFlags(): string[] {
  const override = process.env.BENCH_WORKER_NODE_FLAGS;
  return override === undefined ? WORKER_NODE_FLAGS : override.split(/\s+/).filter(Boolean);
}

/** What the worker runs from, for the benchmark's printout. */
export const workerForm = (): string =>
  process.env.BENCH_WORKER_TSX === "1"
    ? "scripts/worker.ts through tsx (BENCH_WORKER_TSX=1)"
    : "bundled as `npm run build` and the image bundle it";

/** `node`'s arguments for one worker process; `extra` goes before the script (profiling flags). */
export function workerArgs(extra: string[] = []): string[] {
  const flags = [...workerNodeFlags(), ...extra];
  return process.env.BENCH_WORKER_TSX === "1"
    ? [...flags, "--import", "tsx", path.resolve("scripts/worker.ts")]
    : [...flags, bundledWorker()];
}
