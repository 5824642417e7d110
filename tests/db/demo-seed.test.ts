import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { startDemoInbox } from "@/dev/demo/demo-inbox-server";
import { demoClients, demoMailboxes } from "@/dev/demo/demo-providers";
import { seedDemo } from "@/dev/demo/seed-demo";
import { seedDemoAudit } from "@/dev/demo/seed-demo-audit";
import { seedDemoMailboxes } from "@/dev/demo/seed-demo-mailboxes";
import { demoRelayCredential, seedDemoRelay } from "@/dev/demo/seed-demo-relay";
import { demoWebhook, seedDemoWebhook } from "@/dev/demo/seed-demo-webhook";
import { signWebhook } from "@/lib/webhooks/sign-webhook";
import { webhookEventTypes } from "@/lib/webhooks/event-types";
import { openWebhookSecret } from "@/lib/webhooks/webhook-secret";
import { checkRelayLogin } from "@/lib/relay/relay-credential-session";
import { prismaRelaySql } from "@/lib/relay/relay-sql";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers/start-fake-providers";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

let providers: FakeProvidersHandle;
beforeAll(async () => {
  process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  providers = await startFakeProviders();
});
afterAll(() => providers.close());

describe("the demo seed", () => {
  it("gives the demo school configurations on the local providers and mailboxes for its people, once", async () => {
    const db = await getDb();
    for (let run = 0; run < 2; run++) {
      await seedDemo(db);
      await seedDemoMailboxes(db, "demo", providers, ["teacher@demo.relais.test"]);
    }
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "demo" } });
    const configurations = await db.clientConfiguration.findMany({ where: { tenantId: tenant.id } });
    expect(configurations.map((c) => [c.provider, c.transport]).sort()).toEqual([
      ["google", "smtp"],
      ["microsoft", "graph"],
      ["microsoft", "smtp"],
    ]);
    const graph = configurations.find((c) => c.transport === "graph")!;
    expect(graph.apiBaseUrl).toBe(providers.microsoft.graphBaseUrl);
    const google = configurations.find((c) => c.provider === "google")!;
    expect(google.tokenEndpoint).toBe(providers.google.tokenEndpoint);
    expect(google.authorizationEndpoint).toContain("access_type=offline");
    expect(google.clientSecretCipher).not.toContain(demoClients.google.clientSecret);
    expect(decryptSecret(google.clientSecretCipher!, clientSecretAad(google.id))).toBe(
      demoClients.google.clientSecret,
    );
    const mailboxes = await db.mailbox.findMany({
      where: { tenantId: tenant.id },
      include: { assignments: { include: { user: true } } },
    });
    expect(mailboxes.map((m) => m.address).sort()).toEqual(demoMailboxes.map((m) => m.address).sort());
    expect(mailboxes.find((m) => m.address === "secretariat@ecole-demo.test")).toMatchObject({
      clientConfigurationId: graph.id,
      delegateAccount: "direction@ecole-demo.test",
    });
    for (const mailbox of mailboxes) {
      expect(mailbox.state).toBe("pending");
      expect(mailbox.assignments.map((a) => a.user.email)).toEqual(["teacher@demo.relais.test"]);
    }
  });
});

describe("the demo school's audit log", () => {
  it("tells its setting up once, by its admin, with what the real actions record", async () => {
    const db = await getDb();
    await seedDemo(db);
    await seedDemoMailboxes(db, "demo", providers, ["teacher@demo.relais.test", "admin@demo.relais.test"]);
    await seedDemoRelay(db, "demo");
    await seedDemoWebhook(db, "demo");
    await seedDemoAudit(db, "demo", "admin@demo.relais.test");
    await seedDemoAudit(db, "demo", "admin@demo.relais.test");
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "demo" } });
    const entries = await db.auditEntry.findMany({
      where: { tenantId: tenant.id },
      orderBy: { createdAt: "asc" },
    });
    const count = (action: string) => entries.filter((e) => e.action === action).length;
    expect(count("member.added")).toBe(1);
    expect(count("client.created")).toBe(3);
    expect(count("mailbox.created")).toBe(demoMailboxes.length);
    expect(count("relay_credential.created")).toBe(1);
    expect(count("webhook_endpoint.created")).toBe(1);
    expect(entries).toHaveLength(6 + demoMailboxes.length);
    expect(new Set(entries.map((e) => e.actorLabel))).toEqual(new Set(["admin@demo.relais.test"]));
    expect(entries.find((e) => e.action === "member.added")).toMatchObject({
      targetLabel: "teacher@demo.relais.test",
      details: { role: "member" },
    });
    expect(entries.find((e) => e.targetLabel === "secretariat@ecole-demo.test")?.details).toMatchObject({
      configuration: "Microsoft 365 through Graph (local demo)",
      delegateAccount: "direction@ecole-demo.test",
    });
    // Set up before today, a minute apart, in the order things were made.
    expect(entries.at(-1)!.createdAt.getTime()).toBeLessThan(Date.now() - 86_400_000);
    expect(JSON.stringify(entries.map((e) => e.details))).not.toContain(demoClients.google.clientSecret);
  });
});

describe("the demo relay credential", () => {
  it("is created once, for the demo school's Google mailbox, and logs in from loopback only", async () => {
    const db = await getDb();
    await seedDemo(db);
    await seedDemoMailboxes(db, "demo", providers, ["teacher@demo.relais.test"]);
    await seedDemoRelay(db, "demo");
    await seedDemoRelay(db, "demo");
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "demo" } });
    const credentials = await db.relayCredential.findMany({
      where: { tenantId: tenant.id },
      include: { mailboxes: { include: { mailbox: true } } },
    });
    expect(credentials.map((c) => [c.username, c.mailboxes.map((m) => m.mailbox.address)])).toEqual([
      [demoRelayCredential.username, [demoRelayCredential.mailbox]],
    ]);
    const { username, password } = demoRelayCredential;
    const sql = prismaRelaySql(async () => db);
    expect((await checkRelayLogin(sql, username, password, "127.0.0.1")).ok).toBe(true);
    expect(await checkRelayLogin(sql, username, password, "192.0.2.10")).toMatchObject({
      ok: false,
      reason: "network_not_allowed",
    });
  });
});

describe("the demo inbox page", () => {
  it("lists what the SMTP server received, with decoded subjects and escaped text", async () => {
    const server = await startDemoInbox(0, () => [
      {
        from: "secretariat@ecole-demo.test",
        to: ["parents@example.test"],
        raw: "Subject: =?UTF-8?Q?R=C3=A9union_<b>?=\r\nMessage-ID: <m1@ecole-demo.test>\r\n\r\nBody",
        auth: "secretariat@ecole-demo.test",
        provider: "google",
        receivedAt: new Date("2026-11-28T10:00:00Z"),
      },
    ]);
    try {
      const { port } = server.address() as { port: number };
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(html).toContain("Réunion &lt;b&gt;");
      expect(html).toContain("&lt;m1@ecole-demo.test&gt;");
      expect(html).toContain("parents@example.test");
    } finally {
      server.close();
    }
  });
});

describe("the demo's webhooks", () => {
  it("gives the demo school one endpoint at the demo inbox, wanting every event, once", async () => {
    const db = await getDb();
    await seedDemo(db);
    await seedDemoWebhook(db, "demo");
    await seedDemoWebhook(db, "demo");
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "demo" } });
    const endpoints = await db.webhookEndpoint.findMany({ where: { tenantId: tenant.id } });
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({
      url: demoWebhook.url(),
      enabled: true,
      eventTypes: [...webhookEventTypes],
    });
    expect(openWebhookSecret(endpoints[0]!.id, "secret", endpoints[0]!.secretCipher)).toBe(
      demoWebhook.secret,
    );
  });

  it("shows the webhooks the inbox received, with their signature checked", async () => {
    const server = await startDemoInbox(0, () => [], demoWebhook.secret);
    try {
      const { port } = server.address() as { port: number };
      const post = (secret: string, id: string) => {
        const body = JSON.stringify({
          type: "mailbox.state_changed",
          timestamp: new Date().toISOString(),
          data: { address: "vie-scolaire@ecole-demo.test", state: "connected", reason: { message: "<ok>" } },
        });
        return fetch(`http://127.0.0.1:${port}/webhooks`, {
          method: "POST",
          headers: { "content-type": "application/json", ...signWebhook(id, new Date(), body, [secret]) },
          body,
        });
      };
      expect((await post(demoWebhook.secret, "evt-good")).status).toBe(204);
      expect(
        (await post(`whsec_${Buffer.from("another key").toString("base64")}`, "evt-forged")).status,
      ).toBe(204);
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(html).toMatch(
        /mailbox\.state_changed.*vie-scolaire@ecole-demo\.test · connected · &lt;ok&gt;.*valid.*evt-good/s,
      );
      expect(html).toMatch(/INVALID<\/td><td><code>evt-forged/);
    } finally {
      server.close();
    }
  });
});
