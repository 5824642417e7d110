import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedDatabaseLockedError, lockDataDir } from "@/lib/db/embedded-lock";

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill("SIGKILL")));

function liveProcess(): number {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
  children.push(child);
  return child.pid!;
}

describe("embedded data folder lock", () => {
  it("creates the folder and records the owner", () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "relais-lock-")), "nested", "data");
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "relais.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(path.join(dir, "relais.lock"))).toBe(false);
  });

  it("refuses a folder held by another live process, naming it", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "relais-lock-"));
    const pid = liveProcess();
    writeFileSync(path.join(dir, "relais.lock"), String(pid));
    expect(() => lockDataDir(dir)).toThrow(EmbeddedDatabaseLockedError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${pid}`);
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "relais-lock-"));
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => child.on("exit", resolve));
    writeFileSync(path.join(dir, "relais.lock"), String(child.pid));
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "relais.lock"), "utf8")).toBe(String(process.pid));
    release();
  });
});
