import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/catalog";
import { lookup } from "@/lib/i18n/translate";

const root = path.resolve(import.meta.dirname, "../..");

async function* sources(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith(".ts")) yield full;
  }
}

/**
 * The audit log page shows each action by its label in the person's
 * language; an action recorded without one would show as a raw key.
 */
describe("audit action labels", () => {
  it("exist in both languages for every action the code records", async () => {
    const actions = new Set<string>();
    for await (const file of sources(path.join(root, "lib"))) {
      for (const match of (await readFile(file, "utf8")).matchAll(/\baction: "([a-z_]+\.[a-z_]+)"/g)) {
        actions.add(match[1]!);
      }
    }
    expect(actions.size).toBeGreaterThan(10);
    const missing = [...actions].filter(
      (action) =>
        !lookup(catalogs.en, `audit.actions.${action}`) || !lookup(catalogs.fr, `audit.actions.${action}`),
    );
    expect(missing).toEqual([]);
  });

  it("exist in both languages for every target type the code records", async () => {
    const types = new Set<string>();
    for await (const file of sources(path.join(root, "lib"))) {
      for (const match of (await readFile(file, "utf8")).matchAll(/\btargetType: "([a-zA-Z_]+)"/g)) {
        types.add(match[1]!);
      }
    }
    expect(types.size).toBeGreaterThan(5);
    const missing = [...types].filter(
      (type) =>
        !lookup(catalogs.en, `audit.targetTypes.${type}`) ||
        !lookup(catalogs.fr, `audit.targetTypes.${type}`),
    );
    expect(missing).toEqual([]);
  });
});
