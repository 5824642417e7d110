import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

// The relay and the ceiling each run in a child process of their own (node itself, with a bundle
// or tsx's loader, so that the pid is the server's), so that their CPU and memory can be read
// from /proc.

export type ServerProcess = {
  pid: number;
  port: number;
  /** SIGTERM, then SIGKILL if it has not exited after a few seconds. */
  stop: () => Promise<void>;
};

/** A port free now on 127.0.0.1 (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** A field of /proc/<pid>/status in MiB (VmRSS, VmHWM); NaN where there is no /proc. */
export function statusMiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Starts `node <flags> <args>` (by default `--import tsx <script>`) with `env` added to this
 * process's environment, and waits until its output contains `ready` (at most 60 s).
 */
export async function startServerProcess(options: {
  /** What it is, for errors; run through tsx unless `args` says otherwise. */
  script: string;
  /** Node's arguments after the flags: a bundle (bench/bundles.ts), say. */
  args?: string[];
  env: Record<string, string>;
  port: number;
  ready: string;
  flags?: string[];
}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.flags ?? []), ...(options.args ?? ["--import", "tsx", path.resolve(options.script)])],
    { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    // Only the start is needed; the rest is dropped.
    if (output.length < 20_000) output += chunk.toString();
  };
  child.stdout!.on("data", (chunk: Buffer) => {
    collect(chunk);
    // The relay's own errors (a failed statement answered with 421) are worth seeing.
    for (const line of chunk.toString().split("\n"))
      if (line.includes("Relay could not answer")) console.error(line);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    collect(chunk);
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!output.includes(options.ready)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.script} exited before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.script} was not ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid!,
    port: options.port,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      await exited;
      clearTimeout(timer);
    },
  };
}
