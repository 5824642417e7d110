import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startScript, type ScriptProcess } from "../support/script-process";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { seedApiKeyWithMailbox } from "./api-key-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

const database = useTestDatabase();
const fakes = useOutboxFakes();

// The fast path installed on a process's HTTP servers, as the portal's server process installs it
// (lib/server/start-server-process.ts): it answers the submissions, and hands the rest on unseen.
describe("the submission's fast path on a server", () => {
  const enabled = realPostgresAvailable("the fast path in a process of its own, on the test's database");
  let child: ScriptProcess | undefined;
  let origin = "";
  beforeAll(async () => {
    if (!enabled) return;
    child = startScript(
      "tests/support/fast-path-server-child.ts",
      [],
      { DATABASE_URL: database.url },
      path.join(os.tmpdir(), `relais-fast-path-${process.pid}.log`),
    );
    await child.waitFor("listening ");
    origin = `http://127.0.0.1:${/listening (\d+)/.exec(child.output())![1]}`;
  }, 60_000);
  afterAll(async () => {
    await child?.stop();
  });

  it.runIf(enabled)(
    "queues a submission and a batch itself; the other requests reach the server's listener",
    async () => {
      const { key, allowed } = await seedApiKeyWithMailbox(fakes);
      const headers = { authorization: `Bearer ${key.key}`, "content-type": "application/json" };
      const message = {
        from: allowed.address,
        to: "parent@example.org",
        subject: "Absence",
        text: "Bonjour",
      };
      const single = await fetch(`${origin}/api/v1/messages`, {
        method: "POST",
        headers,
        body: JSON.stringify(message),
      });
      expect(single.status).toBe(202);
      const { id } = (await single.json()) as { id: string };
      const batch = await fetch(`${origin}/api/v1/messages/batch`, {
        method: "POST",
        headers,
        body: JSON.stringify({ messages: [message, { ...message, to: "other@example.org" }] }),
      });
      expect(batch.status).toBe(200);
      expect(((await batch.json()) as { accepted: number }).accepted).toBe(2);
      const db = await getDb();
      const rows = await db.outgoingMail.findMany({
        where: { apiKeyId: key.id },
        select: { id: true, source: true },
      });
      expect(rows).toHaveLength(3);
      expect(rows.map((row) => row.id)).toContain(id);
      expect(new Set(rows.map((row) => row.source))).toEqual(new Set(["api"]));
      // Reading a mail, another method, another address: the server's own listener (Next.js there).
      const passedOn = await Promise.all([
        fetch(`${origin}/api/v1/messages/${id}`, { headers }),
        fetch(`${origin}/api/v1/messages`, { headers }),
        fetch(`${origin}/api/v1/messages/batch/`, { method: "POST", headers, body: "{}" }),
        fetch(`${origin}/api/v1/mailboxes`, { method: "POST", headers, body: "{}" }),
        fetch(`${origin}/`),
      ]);
      expect(passedOn.map((answer) => answer.status)).toEqual([418, 418, 418, 418, 418]);
      expect(await passedOn[0]!.text()).toBe("next");
      expect(await db.outgoingMail.count({ where: { apiKeyId: key.id } })).toBe(3);
    },
  );
});
