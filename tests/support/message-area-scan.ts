import fs from "node:fs";
import path from "node:path";

/**
 * Which catalog areas a page's code names, read from the source: the areas
 * of message keys written as literals ("mailboxes.table.total",
 * `outbox.status.${state}`) in the files a page imports, followed through
 * imports (type-only imports and server actions stop the walk: they send
 * no code to the browser).
 */
const root = path.resolve(__dirname, "../..");

export const catalogAreas = fs
  .readdirSync(path.join(root, "lib/i18n/messages/en"))
  .map((file) => file.replace(/\.ts$/, ""));

const keyLiteral = new RegExp(`["'\`](${catalogAreas.join("|")})\\.[a-zA-Z$]`, "g");
const importFrom = /^(?:import|export)\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gms;
const skipped = ["lib/i18n/messages/", "lib/db/generated/"];

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
      return skipped.some((part) => candidate.includes(part)) ? null : candidate;
    }
  }
  return null;
}

type SourceFile = { client: boolean; imports: string[]; areas: Set<string> };
const files = new Map<string, SourceFile>();

function read(file: string): SourceFile {
  const known = files.get(file);
  if (known) return known;
  const source = fs.readFileSync(file, "utf8");
  const serverActions = /^\s*["']use server["']/.test(source);
  const found: SourceFile = serverActions
    ? { client: false, imports: [], areas: new Set() }
    : {
        client: /^\s*["']use client["']/.test(source),
        imports: [...source.matchAll(importFrom)]
          .map((match) => resolveImport(file, match[1]!))
          .filter((resolved): resolved is string => resolved !== null),
        areas: new Set([...source.matchAll(keyLiteral)].map((match) => match[1]!)),
      };
  files.set(file, found);
  return found;
}

/** client: areas named in code that reaches the browser; all: areas named anywhere the page imports. */
export function areasOf(entry: string): { client: Set<string>; all: Set<string> } {
  const client = new Set<string>();
  const all = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, inClient: boolean) => {
    const key = `${file}:${inClient}`;
    if (seen.has(key)) return;
    seen.add(key);
    const source = read(file);
    const clientSide = inClient || source.client;
    for (const area of source.areas) {
      all.add(area);
      if (clientSide) client.add(area);
    }
    for (const imported of source.imports) walk(imported, clientSide);
  };
  walk(entry, false);
  return { client, all };
}

export function appFiles(name: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (name.test(entry.name)) found.push(full);
    }
  };
  walk(path.join(root, "app"));
  return found.sort();
}

export const relativeToRoot = (file: string) => path.relative(root, file);
