import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database at ${dataDir} is in use by another Relais process (pid ${pid}). ` +
        "Stop that process first, or set RELAIS_DATA_DIR to another folder; " +
        "to run several processes, use PostgreSQL (DATABASE_URL).",
    );
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

// Another process may have taken the folder over since (after a release, a
// child server does), so only a file that still names this process is removed.
function releaseIfOurs(lockPath: string): void {
  try {
    const holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    if (holder === process.pid) rmSync(lockPath, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/**
 * PGlite has no lock across processes and two of them on one folder corrupt
 * it silently, so the folder is claimed with a pid file. A file left by a
 * process that died is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "relais.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        process.off("exit", release);
        releaseIfOurs(lockPath);
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      if (pid === process.pid) return () => releaseIfOurs(lockPath);
      if (Number.isInteger(pid) && isAlive(pid)) throw new EmbeddedDatabaseLockedError(dataDir, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
