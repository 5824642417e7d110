import { describe, expect, it } from "vitest";
import { edgesOnCycles, libFolderEdges } from "../support/lib-folder-graph";
import { knownCycleEdges } from "./lib-folder-cycles-debt";

describe("imports between lib/ folders", () => {
  const edges = libFolderEdges();
  const onCycles = edgesOnCycles(edges);

  it("are read from the source", () => {
    expect(edges.get("worker")?.has("outbox")).toBe(true);
    expect(edges.get("db")?.size ?? 0).toBe(0);
  });

  it("find a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(edgesOnCycles(graph).sort()).toEqual(["a -> b", "b -> c", "c -> a"]);
  });

  it("make no new cycle between folders", () => {
    expect(onCycles.filter((edge) => !knownCycleEdges.includes(edge)).sort()).toEqual([]);
  });

  it("keep the list of known cycles true: an edge no longer on a cycle leaves it", () => {
    expect(knownCycleEdges.filter((edge) => !onCycles.includes(edge))).toEqual([]);
  });
});
