import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** The Next.js command line, run with this Node rather than through npx. */
export const nextBin = path.join("node_modules", "next", "dist", "bin", "next");

// Everything `next build` reads. The generated Prisma client is in lib/ and
// counts: a schema change without a rebuild would serve the old client.
const sourceDirs = ["app", "components", "lib", "public", "types"];
const sourceFiles = [
  // The one file of dev/ the portal imports: the sign-in page lists the demo's accounts.
  "dev/demo/demo-accounts.ts",
  "prisma/schema.prisma",
  "next.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
];
const hashFile = path.join(".next", "relais-build-hash");

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A hash of the sources the production build is made from. */
export async function sourceHash(root: string): Promise<string> {
  const files = [
    ...(await Promise.all(sourceDirs.map((dir) => listFiles(path.join(root, dir))))).flat(),
    ...sourceFiles.map((file) => path.join(root, file)).filter((file) => existsSync(file)),
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file)).update("\0");
    hash.update(await readFile(file)).update("\0");
  }
  return hash.digest("hex");
}

export function buildIsCurrent(root: string, hash: string): boolean {
  const stored = path.join(root, hashFile);
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stored) &&
    readFileSync(stored, "utf8").trim() === hash
  );
}

// Two builds into one .next folder (two test runs, a demo and a test run)
// would corrupt it; the second waits for the first.
async function withBuildLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const name = createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 16);
  const lockPath = path.join(os.tmpdir(), `relais-build-${name}.lock`);
  for (;;) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(lockPath, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function runBuild(root: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  // The build must not depend on a database being there.
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`next build failed (${signal ?? `exit code ${code}`}); its output is above`)),
    );
  });
}

/**
 * Runs `next build` unless .next holds a build of exactly the current
 * sources. Returns whether it built.
 */
export async function ensureProductionBuild(
  root: string,
  log: (line: string) => void = console.log,
): Promise<boolean> {
  return withBuildLock(root, async () => {
    const hash = await sourceHash(root);
    if (buildIsCurrent(root, hash)) {
      log("[relais] The production build is up to date.");
      return false;
    }
    log("[relais] Building the production app (next build), about half a minute…");
    await runBuild(root);
    await writeFile(path.join(root, hashFile), `${hash}\n`);
    return true;
  });
}
