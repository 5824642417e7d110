import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { useTestDatabase } from "../support/test-db";
import { seedApiKeyWithMailbox } from "./api-key-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();
const fakes = useOutboxFakes();

const original = pg.Client.prototype.query;
afterEach(() => {
  pg.Client.prototype.query = original;
});

/** Records every statement sent through `pg` (its text, and its name when prepared) until the returned function is called. */
function recordStatements() {
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

// What a submission costs the database is most of what it costs (bench/api): a guard against a
// change that quietly adds round trips to the hot path. The figures themselves are the bench's.
describe("the statements one submission costs", () => {
  it("authenticates the key with its school, reads the mailbox once, and stores a plain mail: prepared statements, no transaction", async () => {
    const { key, allowed } = await seedApiKeyWithMailbox(fakes);
    const post = () =>
      postMessage(
        new Request("http://127.0.0.1:3000/api/v1/messages", {
          method: "POST",
          headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
          body: JSON.stringify({ from: allowed.address, to: "parent@example.org", subject: "A", text: "B" }),
        }),
      );
    // The statement's verb and the first table it names.
    const kinds = (seen: { text: string }[]) =>
      seen.map(({ text }) =>
        /^\s*(\w+)\s+(?:[\s\S]*?(?:FROM|INTO)\s+)?"(\w+)"/.exec(text)?.slice(1, 3).join(" "),
      );
    let stop = recordStatements();
    expect((await post()).status).toBe(202);
    const first = stop();
    // The key's first use is noted (then at most once a minute).
    expect(kinds(first)).toEqual([
      "SELECT ApiKey",
      "UPDATE ApiKey",
      "SELECT ApiKeyMailbox",
      "INSERT OutgoingMail",
    ]);
    // The next one, within seconds, reuses the mailbox it read: its insert checks it again.
    stop = recordStatements();
    expect((await post()).status).toBe(202);
    const second = stop();
    expect(kinds(second)).toEqual(["SELECT ApiKey", "INSERT OutgoingMail"]);
    // Named: PostgreSQL plans each once per connection (lib/db/named-sql.ts).
    expect([...first, ...second].every(({ name }) => typeof name === "string" && name.length > 0)).toBe(true);
  });
});
