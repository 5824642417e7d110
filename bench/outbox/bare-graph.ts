import { readFileSync } from "node:fs";
import { sendBareGraph, type BareGraphJob } from "./bare-graph-send";

// The ceiling of `bench/outbox/run.ts --transport graph` in a process of its own,
// as the workers are. Reads its job from the JSON file named by BARE_POOL_JOB_FILE,
// prints "warm" once the warm-up messages are sent, then one JSON line: the time
// and this process's CPU while sending the others.

async function main() {
  const file = process.env.BARE_POOL_JOB_FILE;
  if (!file) throw new Error("BARE_POOL_JOB_FILE is not set");
  const job = JSON.parse(readFileSync(file, "utf8")) as BareGraphJob;
  let cpuBefore = process.cpuUsage();
  const ms = await sendBareGraph(job, () => {
    cpuBefore = process.cpuUsage();
    process.stdout.write("warm\n");
  });
  const cpu = process.cpuUsage(cpuBefore);
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
