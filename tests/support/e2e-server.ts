import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { PORTAL_NODE_FLAGS } from "../../scripts/node-flags";
import { nextBin } from "../../scripts/production-build";

export interface RunningServer {
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForSignInPage(baseUrl: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.signalCode ?? `exit code ${child.exitCode}`})`);
    }
    try {
      const response = await fetch(`${baseUrl}/signin`, { redirect: "manual" });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch {
      last = "connection refused";
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${baseUrl}/signin did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

/**
 * Starts the production server (`next start`) on a free loopback port, on
 * the given database, in a process group of its own so that stopping it
 * leaves nothing behind.
 */
export async function startProductionServer(root: string, databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logDir = path.join(root, "test-results");
  await mkdir(logDir, { recursive: true });
  const logFile = path.join(logDir, "e2e-server.log");
  const log = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    RELAIS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    RELAIS_DEV_TOOLS: "true",
    // The mailbox tests connect through the fake providers on loopback, which a production
    // build refuses unless it is the (local) demo.
    RELAIS_ALLOW_LOCAL_PROVIDERS: "true",
    RELAIS_DEMO: "true",
  };
  // Platform mail must land in the CapturedMail table, where the tests read it.
  delete env.RELAIS_SMTP_URL;
  delete env.RELAIS_ENCRYPTION_KEYS;
  const child = spawn(
    process.execPath,
    [...PORTAL_NODE_FLAGS, nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: root,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = () => stopGroup(child).finally(() => log.end());
  try {
    await waitForSignInPage(baseUrl, child, 60_000);
  } catch (error) {
    await stop();
    const output = await readFile(logFile, "utf8").catch(() => "");
    throw new Error(
      `The production server did not start: ${(error as Error).message}\n` +
        `Last server output (${logFile}):\n${output.split("\n").slice(-30).join("\n")}`,
    );
  }
  return { baseUrl, logFile, stop };
}
