import { describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { recordStatements, useStatementRecorder } from "../support/record-statements";
import { useTestDatabase } from "../support/test-db";
import { seedApiKeyWithMailbox } from "./api-key-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();
const fakes = useOutboxFakes();

useStatementRecorder();

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
