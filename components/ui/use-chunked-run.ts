"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n-provider";
import type { ActionResult } from "@/lib/actions/action-result";

/** A part the server refused or never answered, and why (already in the person's words). */
export interface ChunkFailure<T> {
  items: T[];
  message: string;
}

/** Where a long action done part by part stands, and at the end what it did. */
export interface ChunkedRun<T, R> {
  phase: "idle" | "running" | "finished";
  total: number;
  /** Items whose part was answered, done or refused. */
  processed: number;
  /** The answers of the parts done. */
  results: R[];
  failures: ChunkFailure<T>[];
  /** Items never sent: the person stopped, or a refusal said the rest would be refused too. */
  notRun: T[];
  /** The person asked to stop: the part under way finishes, no other starts. */
  stopping: boolean;
}

function idle<T, R>(): ChunkedRun<T, R> {
  return { phase: "idle", total: 0, processed: 0, results: [], failures: [], notRun: [], stopping: false };
}

/** Refusals that every other part would meet too: the input itself, the session, the right to act. */
const stopsEverything = new Set(["invalid_input", "forbidden", "unauthenticated"]);

/**
 * Runs a long action as several calls of a server action, one part of the
 * items after the other, so that the page shows how far it got and each
 * part stays a request of its own, authorized and scoped by the action. A
 * part the server refuses is reported with its items, and the others go on
 * (unless the refusal is one they would all meet). Leaving the page stops
 * after the part under way: the parts done stay done (the browser asks
 * first while it runs).
 */
export function useChunkedRun<T, R>() {
  const t = useT();
  const [state, setState] = useState<ChunkedRun<T, R>>(idle);
  const stopRef = useRef(false);
  const running = state.phase === "running";

  useEffect(() => {
    if (!running) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [running]);

  async function run(
    items: T[],
    size: number,
    runPart: (part: T[]) => Promise<ActionResult<R>>,
  ): Promise<ChunkedRun<T, R>> {
    stopRef.current = false;
    let current: ChunkedRun<T, R> = { ...idle<T, R>(), phase: "running", total: items.length };
    setState(current);
    for (let start = 0; start < items.length; start += size) {
      if (stopRef.current) {
        current = { ...current, notRun: items.slice(start) };
        break;
      }
      const part = items.slice(start, start + size);
      let lost = false;
      const outcome = await runPart(part).catch((): ActionResult<R> => {
        lost = true;
        return { ok: false, code: "internal", message: t("common.progress.lost") };
      });
      const processed = current.processed + part.length;
      if (outcome.ok) {
        current = { ...current, processed, results: [...current.results, outcome.data] };
      } else {
        const message = Object.values(outcome.fieldErrors ?? {})[0] ?? outcome.message;
        current = { ...current, processed, failures: [...current.failures, { items: part, message }] };
        // A call that never got an answer (network, server down): nothing more is sent.
        if (stopsEverything.has(outcome.code) || lost) {
          current = { ...current, notRun: items.slice(start + size) };
          break;
        }
      }
      setState(current);
    }
    current = { ...current, phase: "finished", stopping: false };
    setState(current);
    return current;
  }

  function stop() {
    stopRef.current = true;
    setState((s) => ({ ...s, stopping: true }));
  }

  return { state, run, stop, reset: () => setState(idle<T, R>()) };
}
