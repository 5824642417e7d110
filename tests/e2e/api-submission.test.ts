import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

// The submission API on the production server (`next start` on PostgreSQL), where the fast path
// answers the submissions before Next.js (lib/api/api-fast-path.ts, installed by instrumentation.ts).
describe.skipIf(!browserTestsRun)("the submission API on the production server", () => {
  const database = useE2eDatabase();

  async function school() {
    const { tenant, admin } = await seedTenantWithPeople();
    const config = await seedClientConfiguration(tenant.id, { provider: "google" });
    const mailbox = await seedMailbox(tenant.id, config.id, {
      address: `vie-scolaire-${tenant.slug}@lycee.test`,
      state: "connected",
    });
    const ctx = await contextFor(admin, tenant, "apiKeys.write");
    const key = await createApiKey(ctx, { name: "Vie scolaire", mailboxIds: [mailbox.id] });
    return { mailbox, key: key.key, keyId: key.id };
  }

  it("queues single and batched submissions, answered by the fast path with the headers of the routes Next.js serves", async () => {
    const { mailbox, key, keyId } = await school();
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const message = { from: mailbox.address, to: "parent@example.org", subject: "Absence", text: "Bonjour" };
    const single = await fetch(`${e2eBaseUrl()}/api/v1/messages`, {
      method: "POST",
      headers: { ...headers, "x-request-id": "sis-42" },
      body: JSON.stringify(message),
    });
    expect(single.status).toBe(202);
    expect(single.headers.get("x-request-id")).toBe("sis-42");
    const { id } = (await single.json()) as { id: string };
    const batch = await fetch(`${e2eBaseUrl()}/api/v1/messages/batch`, {
      method: "POST",
      headers,
      body: JSON.stringify({ messages: [message, { ...message, to: "autre@example.org" }] }),
    });
    expect(batch.status).toBe(200);
    expect(((await batch.json()) as { accepted: number }).accepted).toBe(2);
    const rows = await database.db.outgoingMail.findMany({
      where: { apiKeyId: keyId },
      select: { id: true, to: true },
    });
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.id === id)?.to).toEqual(["parent@example.org"]);

    // A route of the API that Next.js serves, beside: the same headers of the API and of every answer.
    const routed = await fetch(`${e2eBaseUrl()}/api/v1/mailboxes`, { headers });
    expect(routed.status).toBe(200);
    for (const name of [
      "content-security-policy",
      "cache-control",
      "x-frame-options",
      "x-content-type-options",
      "referrer-policy",
    ])
      for (const answer of [single, batch])
        expect(answer.headers.get(name), name).toBe(routed.headers.get(name));
    // Next.js compresses the answers it streams (Content-Encoding, Vary: Accept-Encoding); the fast
    // path writes its short JSON as it is, with its length: who answered shows there.
    expect(routed.headers.get("vary") ?? "").toMatch(/accept-encoding/i);
    for (const answer of [single, batch]) {
      expect(answer.headers.get("vary")).toBeNull();
      expect(answer.headers.get("content-encoding")).toBeNull();
      expect(Number(answer.headers.get("content-length"))).toBeGreaterThan(0);
    }
  });
});
