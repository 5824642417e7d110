import fs from "node:fs";
import path from "node:path";

/**
 * Which lib/ folders import which, from the source (type imports too: a
 * type is a dependency as much as a function is), and the edges that lie on
 * a cycle between folders (Tarjan's strongly connected components).
 */
const root = path.resolve(__dirname, "../..");
const libDir = path.join(root, "lib");
const importSpec =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(libDir, "db/generated") ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const folderOf = (file: string) => path.relative(libDir, file).split(path.sep)[0]!;

function importedFolder(file: string, spec: string): string | null {
  if (spec.startsWith("@/lib/")) return spec.slice("@/lib/".length).split("/")[0]!;
  if (!spec.startsWith(".")) return null;
  const target = path.resolve(path.dirname(file), spec);
  return target.startsWith(libDir + path.sep) ? folderOf(target) : null;
}

/** "a -> b": a file of lib/a imports one of lib/b. */
export function libFolderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles(libDir)) {
    const from = folderOf(file);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const match of fs.readFileSync(file, "utf8").matchAll(importSpec)) {
      const to = importedFolder(file, (match[1] ?? match[2])!);
      if (to && to !== from) edges.get(from)!.add(to);
    }
  }
  return edges;
}

/** The edges inside a strongly connected component: each is part of some cycle between folders. */
export function edgesOnCycles(edges: Map<string, Set<string>>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let components = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.set(w, components);
      } while (w !== v);
      components++;
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return [...edges].flatMap(([from, tos]) =>
    [...tos].filter((to) => component.get(to) === component.get(from)).map((to) => `${from} -> ${to}`),
  );
}
