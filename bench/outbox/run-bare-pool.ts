import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BareGraphJob } from "./bare-graph-send";
import type { BarePoolJob } from "./bare-pool-send";
import { ownCpuMs } from "./cpu-time";
import { profileFlags } from "./profile-flags";

/**
 * bench/outbox/bare-pool.ts (SMTP), or `script` (bench/outbox/bare-graph.ts for
 * Graph), in a child process: its time and CPU for the measured messages, and
 * the CPU this process (the fake server's) used meanwhile.
 */
export async function runBarePool(
  job: BarePoolJob | BareGraphJob,
  script = "bench/outbox/bare-pool.ts",
): Promise<{ ms: number; cpuMs: number; serverCpuMs: number }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "relais-bench-")), "job.json");
  writeFileSync(file, JSON.stringify(job));
  let serverCpu = ownCpuMs();
  let warm = false;
  const child = spawn(process.execPath, [...profileFlags(), "--import", "tsx", path.resolve(script)], {
    env: { ...process.env, BARE_POOL_JOB_FILE: file },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    // The child's warm-up is over: the server's CPU counts from here.
    if (output.startsWith("warm\n") && !warm) {
      warm = true;
      serverCpu = ownCpuMs();
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  rmSync(path.dirname(file), { recursive: true, force: true });
  if (code !== 0) throw new Error(`the bare pool exited with ${code}`);
  const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as { ms: number; cpuMs: number };
  // From the end of the child's warm-up to its exit: the fake server does nothing else meanwhile,
  // so the window's CPU is the server's work for the measured mails.
  return { ...result, serverCpuMs: ownCpuMs() - serverCpu };
}
