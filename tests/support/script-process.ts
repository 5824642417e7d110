import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export type ScriptProcess = {
  child: ChildProcess;
  /** Everything it wrote so far, standard output and error together. */
  output: () => string;
  /** Waits until its output contains `text` (it exiting first is an error). */
  waitFor: (text: string, timeoutMs?: number) => Promise<void>;
  /** Its exit code, once it exited. */
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the exit; the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Runs a script of scripts/ as its own process (node with tsx's loader, so
 * that a signal reaches the script itself), its standard output and error
 * written to `logFile`.
 */
export function startScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  logFile: string,
): ScriptProcess {
  const fd = openSync(logFile, "w");
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(script), ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const output = () => readFileSync(logFile, "utf8");
  return {
    child,
    output,
    exited,
    async waitFor(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output().includes(text)) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${script} exited before writing "${text}":\n${output()}`);
        if (Date.now() > deadline) throw new Error(`${script} did not write "${text}" in time:\n${output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
