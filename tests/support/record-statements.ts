import pg from "pg";
import { afterEach } from "vitest";

// What a hot path costs the database is most of what it costs (bench/): tests that guard how many
// statements it sends, and that they are named (prepared), record what goes through `pg`.

const original = pg.Client.prototype.query;

/** Puts `pg` back after each test, even one that failed while recording. */
export function useStatementRecorder(): void {
  afterEach(() => {
    pg.Client.prototype.query = original;
  });
}

/** Every statement sent through `pg` (its text, and its name when prepared) until the returned function is called. */
export function recordStatements(): () => { text: string; name?: string }[] {
  const seen: { text: string; name?: string }[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text: string; name?: string };
    seen.push(typeof q === "string" ? { text: q } : { text: q.text, name: q.name });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return () => {
    pg.Client.prototype.query = original;
    return seen;
  };
}
