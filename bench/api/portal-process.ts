import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { nextBin } from "../../scripts/production-build";
import { PORTAL_NODE_FLAGS } from "../../scripts/node-flags";

// The portal as the project runs it in production: `next start` on the production build
// (`npm start`, the demo, the browser tests), in a child process of its own whose memory and
// CPU are read from /proc.

export type PortalProcess = {
  /** The process listening on the port: the Next.js server itself. */
  pid: number;
  baseUrl: string;
  /** The last lines the server wrote, for errors. */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * The pid of the process with a socket listening on 127.0.0.1:`port` (Linux /proc), or null:
 * the server, not a wrapper that started it.
 */
export function listeningPid(port: number): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let lines: string[] = [];
    try {
      lines = readFileSync(table, "utf8").split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT"; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9]) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/**
 * Starts `node <PORTAL_NODE_FLAGS> next start` on 127.0.0.1:`port` with the production build in
 * `root`, on `databaseUrl` (PostgreSQL: no worker and no relay in the process), and waits until
 * /api/health answers 200 (it opens the database).
 */
export async function startPortal(options: {
  root: string;
  port: number;
  databaseUrl: string;
  encryptionKey: string;
  /** Node's flags instead of the production server's own (PORTAL_NODE_FLAGS), to compare. */
  nodeFlags?: string[];
}): Promise<PortalProcess> {
  const { root, port } = options;
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    RELAIS_ENCRYPTION_KEY: options.encryptionKey,
  };
  // The seeding's settings, which a production server refuses or does not need.
  for (const name of [
    "RELAIS_ALLOW_LOCAL_PROVIDERS",
    "RELAIS_DEMO",
    "RELAIS_ENCRYPTION_KEYS",
    "NODE_OPTIONS",
  ])
    delete env[name];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? PORTAL_NODE_FLAGS),
      path.join(root, nextBin),
      "start",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the portal exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the portal did not answer /api/health within 2 minutes:\n${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = listeningPid(port);
  if (pid === null) {
    await stop();
    throw new Error(`no process found listening on port ${port}`);
  }
  return { pid, baseUrl, output: () => output, stop };
}
