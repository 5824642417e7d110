import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const wrappers = /^export const \w+ = (tenantAction|userAction|publicAction|operatorAction)\(/;

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (["node_modules", "generated", ".next"].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name)) yield full;
  }
}

// Functions a server action file may export without a wrapper, because they
// make their own checks (and say so in a comment beside them).
const selfChecked = new Set(["lib/auth/set-locale-action.ts:setLocaleAction"]);

/**
 * A server action is reachable by a direct POST whatever the page does, so
 * each one must be built by a wrapper that checks the session and the
 * permission itself. This reads every "use server" file and refuses any
 * other export.
 */
describe("server actions", () => {
  it("are all built with an authorizing wrapper", async () => {
    const offenders: string[] = [];
    let actionFiles = 0;
    for (const dir of ["app", "lib", "components"]) {
      for await (const file of sourceFiles(path.join(root, dir))) {
        const source = await readFile(file, "utf8");
        if (!/^\s*["']use server["'];?/.test(source)) continue;
        actionFiles++;
        const relative = path.relative(root, file);
        for (const line of source.split("\n").filter((l) => l.startsWith("export "))) {
          const name = /^export (?:async )?(?:const|function) (\w+)/.exec(line)?.[1];
          if (wrappers.test(line) || (name && selfChecked.has(`${relative}:${name}`))) continue;
          offenders.push(`${relative}: ${line.trim()}`);
        }
      }
    }
    expect(actionFiles).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });
});
