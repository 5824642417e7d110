import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import type { Translator } from "@/lib/i18n/translate";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { deleteMailbox } from "@/lib/mailboxes/delete-mailbox";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { retryPendingRevocations } from "@/lib/revocation/retry-pending-revocations";
import { revokeConnection } from "@/lib/revocation/revoke-connection";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { refresh } from "../unit/fakes/connect-mailbox";
import {
  GOOGLE_CLIENT,
  REDIRECT_URI,
  connectAtFake,
  seedConnection,
  seedFakeConfiguration,
  useTokenTestEnvironment,
  type FakeClientCredentials,
} from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

const datesOf = (t: Translator) => ({ locale: defaultFormatLocales[t.locale], timeZone: "Europe/Paris" });

// RFC 7009 revocation with client authentication and token_type_hint (docs/revocation.md): what the
// fake Google received, what a retry sends, what a refusal leaves on the mailbox, school by school.

useTokenTestEnvironment();
useTestDatabase();

const fakes = useTokenFakes();
beforeEach(() => fakes.control.resetStats());

const address = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@lycee.test`;
const en = createTranslator("en");
const fr = createTranslator("fr");
const later = () => new Date(Date.now() + 3600_000);

/** A school with one Google mailbox connected at the fake, through its own client when given. */
async function googleSchool(
  label: string,
  options: { revocationEndpoint?: string; client?: FakeClientCredentials } = {},
) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "google", {
    ...(options.revocationEndpoint ? { revocationEndpoint: options.revocationEndpoint } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
  const connected = await connectAtFake(fakes, "google", {
    tenantId: people.tenant.id,
    clientConfigurationId: config.id,
    address: address(label),
    ownerIds: [people.member.id],
    ...(options.client ? { client: options.client } : {}),
  });
  return { ...people, config, ...connected };
}

/** A revocation endpoint in front of the fake's that answers 503 until switched up; it forwards the body only. */
async function startFlakyRevocationEndpoint(target: string) {
  let up = false;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      if (!up) return void response.writeHead(503).end();
      const forwarded = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: Buffer.concat(chunks).toString(),
      });
      response
        .writeHead(forwarded.status, { "content-type": "application/json" })
        .end(await forwarded.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/revoke`,
    bringUp: () => void (up = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function mailboxRow(id: string) {
  return (await getDb()).mailbox.findUniqueOrThrow({ where: { id } });
}

/** The mailbox page's health line, for its owner and for an admin, in both languages. */
async function healthWords(people: Awaited<ReturnType<typeof seedTenantWithPeople>>, mailboxId: string) {
  const forOwner = await getMailbox(await contextFor(people.member, people.tenant), mailboxId);
  const forAdmin = await getMailbox(await contextFor(people.admin, people.tenant), mailboxId);
  return {
    health: forOwner.health,
    owner: {
      en: mailboxHealthWords(en, datesOf(en), forOwner.health, "owner"),
      fr: mailboxHealthWords(fr, datesOf(fr), forOwner.health, "owner"),
    },
    admin: {
      en: mailboxHealthWords(en, datesOf(en), forAdmin.health, "admin"),
      fr: mailboxHealthWords(fr, datesOf(fr), forAdmin.health, "admin"),
    },
  };
}

describe("revocation with client authentication (RFC 7009)", () => {
  it("authenticates the configuration's client and hints the token's type, as the fake Google checks", async () => {
    const school = await googleSchool("auth");

    const result = await revokeConnection(await contextFor(school.member, school.tenant), school.mailbox.id);

    expect(result.outcome).toBe("revoked_at_provider");
    expect(fakes.control.stats().revocations).toEqual([
      {
        provider: "google",
        clientId: GOOGLE_CLIENT.clientId,
        authMethod: "client_secret_post",
        tokenTypeHint: "refresh_token",
        status: 200,
      },
    ]);
    expect((await mailboxRow(school.mailbox.id)).providerRevocation).toBeNull();
    const refused = await refresh(fakes.google.tokenEndpoint, school.tokens.refresh_token, GOOGLE_CLIENT);
    expect(refused.body.error).toBe("invalid_grant");
  });

  it("hints access_token when the mailbox held no refresh token", async () => {
    const people = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
    const connected = await connectAtFake(fakes, "google", {
      tenantId: people.tenant.id,
      clientConfigurationId: config.id,
      address: address("access-only"),
    });
    const db = await getDb();
    await db.mailbox.update({ where: { id: connected.mailbox.id }, data: { refreshTokenCipher: null } });

    const result = await revokeConnection(
      await contextFor(people.admin, people.tenant),
      connected.mailbox.id,
    );

    expect(result.outcome).toBe("revoked_at_provider");
    expect(fakes.control.stats().revocations.map((r) => [r.tokenTypeHint, r.authMethod, r.status])).toEqual([
      ["access_token", "client_secret_post", 200],
    ]);
  });

  it("a retried pending revocation authenticates too, with the configuration's secret as it is now", async () => {
    const flaky = await startFlakyRevocationEndpoint(fakes.google.revocationEndpoint);
    const rotating = { clientId: "rotating.apps.googleusercontent.com", clientSecret: "GOCSPX-old" };
    fakes.control.registerClient({ provider: "google", ...rotating, redirectUris: [REDIRECT_URI] });
    try {
      const school = await googleSchool("retry", { revocationEndpoint: flaky.url, client: rotating });
      const result = await revokeConnection(await contextFor(school.admin, school.tenant), school.mailbox.id);
      expect(result.outcome).toBe("provider_pending");
      const db = await getDb();
      const [pending] = await db.pendingRevocation.findMany({ where: { mailboxId: school.mailbox.id } });
      expect(pending).toMatchObject({
        tenantId: school.tenant.id,
        clientConfigurationId: school.config.id,
        clientId: rotating.clientId,
        tokenTypeHint: "refresh_token",
      });
      expect(JSON.stringify(pending)).not.toContain(rotating.clientSecret);
      expect((await mailboxRow(school.mailbox.id)).providerRevocation).toBe("pending");

      // Meanwhile the school rotated its secret, at Google and in Relais: the retry uses the new one.
      const rotated = { ...rotating, clientSecret: "GOCSPX-new" };
      fakes.control.registerClient({ provider: "google", ...rotated, redirectUris: [REDIRECT_URI] });
      await db.clientConfiguration.update({
        where: { id: school.config.id },
        data: { clientSecretCipher: encryptSecret(rotated.clientSecret, clientSecretAad(school.config.id)) },
      });
      flaky.bringUp();
      fakes.control.resetStats();

      expect(await retryPendingRevocations({ now: later() })).toEqual({
        done: 1,
        retry: 0,
        refused: 0,
        given_up: 0,
      });
      expect(fakes.control.stats().revocations).toEqual([
        {
          provider: "google",
          clientId: rotating.clientId,
          authMethod: "client_secret_post",
          tokenTypeHint: "refresh_token",
          status: 200,
        },
      ]);
      expect((await mailboxRow(school.mailbox.id)).providerRevocation).toBeNull();
      expect(await db.pendingRevocation.count({ where: { mailboxId: school.mailbox.id } })).toBe(0);
      const dead = await refresh(fakes.google.tokenEndpoint, school.tokens.refresh_token, rotated);
      expect(dead.body.error).toBe("invalid_grant");
    } finally {
      await flaky.close();
    }
  });

  it("a refused revocation is kept on the mailbox, and its page says what to do at Google, in both languages", async () => {
    const school = await googleSchool("refused");
    // The secret Relais holds no longer opens the door at Google: 401 invalid_client, not worth a retry.
    fakes.control.setClientSecretExpired(GOOGLE_CLIENT.clientId);
    try {
      const result = await revokeConnection(
        await contextFor(school.member, school.tenant),
        school.mailbox.id,
      );

      expect(result).toMatchObject({
        outcome: "not_withdrawn",
        messageKey: "connections.revoke.doneRefusedGoogle",
      });
      expect(en(result.messageKey)).toContain("https://myaccount.google.com/permissions");
      expect(fr(result.messageKey)).toContain("https://myaccount.google.com/permissions");
      expect(fakes.control.stats().revocations.map((r) => [r.authMethod, r.status])).toEqual([
        ["client_secret_post", 401],
      ]);
    } finally {
      fakes.control.setClientSecretExpired(GOOGLE_CLIENT.clientId, false);
    }
    const db = await getDb();
    expect(await mailboxRow(school.mailbox.id)).toMatchObject({
      state: "revoked",
      refreshTokenCipher: null,
      providerRevocation: "refused",
      providerRevocationCode: "invalid_client",
    });
    expect(await db.pendingRevocation.count({ where: { mailboxId: school.mailbox.id } })).toBe(0);
    const [audit] = await db.auditEntry.findMany({
      where: { targetId: school.mailbox.id, action: "mailbox.provider_revocation_failed" },
    });
    expect(audit?.details).toMatchObject({ code: "invalid_client" });

    const words = await healthWords(school, school.mailbox.id);
    expect(words.health).toMatchObject({ code: "disconnected", errorCode: "invalid_client" });
    expect(words.owner.en.cause).toContain("refused to withdraw");
    expect(words.owner.en.advice).toContain("https://myaccount.google.com/permissions");
    expect(words.owner.fr.advice).toContain("https://myaccount.google.com/permissions");
    expect(words.owner.fr.cause).toContain("refusé de la retirer");
    expect(words.admin.en.advice).toContain("Connected applications");
    expect(words.admin.fr.advice).toContain("Applications connectées");
    // The mailbox list says the same.
    const listed = await listMailboxes(await contextFor(school.admin, school.tenant, "mailboxes.read"), {});
    expect(listed.mailboxes.find((m) => m.id === school.mailbox.id)?.health.headline).toEqual(
      words.health.headline,
    );
  });

  it("Microsoft: no endpoint, and the mailbox page tells the owner and the admin where to remove the app", async () => {
    const people = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, people.tenant.id, "microsoft");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: people.tenant.id,
      clientConfigurationId: config.id,
      address: address("ms"),
      ownerIds: [people.member.id],
    });

    const result = await revokeConnection(await contextFor(people.member, people.tenant), mailbox.id);

    expect(result.outcome).toBe("no_endpoint");
    expect(fakes.control.stats().revocations).toEqual([]);
    expect((await mailboxRow(mailbox.id)).providerRevocation).toBe("no_endpoint");
    const words = await healthWords(people, mailbox.id);
    expect(words.owner.en.advice).toContain("https://myapps.microsoft.com");
    expect(words.owner.fr.advice).toContain("https://myapps.microsoft.com");
    expect(words.admin.en.advice).toContain("Enterprise applications");
    expect(words.admin.fr.advice).toContain("Applications d’entreprise");
    expect(en(result.messageKey)).toContain("Enterprise applications");
  });

  it("a configuration deleted meanwhile cannot authenticate: given up, audited, nothing sent unauthenticated", async () => {
    const flaky = await startFlakyRevocationEndpoint(fakes.google.revocationEndpoint);
    try {
      const school = await googleSchool("deleted-config", { revocationEndpoint: flaky.url });
      const deleted = await deleteMailbox(await contextFor(school.admin, school.tenant), {
        id: school.mailbox.id,
      });
      expect(deleted.providerRevocation).toBe("provider_pending");
      const db = await getDb();
      await db.clientConfiguration.delete({ where: { id: school.config.id } });
      flaky.bringUp();
      fakes.control.resetStats();

      expect(await retryPendingRevocations({ now: later() })).toEqual({
        done: 0,
        retry: 0,
        refused: 0,
        given_up: 1,
      });

      expect(fakes.control.stats().revocations).toEqual([]);
      expect(await db.pendingRevocation.count({ where: { mailboxId: school.mailbox.id } })).toBe(0);
      const [audit] = await db.auditEntry.findMany({
        where: { targetId: school.mailbox.id, action: "mailbox.provider_revocation_failed" },
      });
      expect(audit).toMatchObject({ tenantId: school.tenant.id, details: { code: "configuration_deleted" } });
    } finally {
      await flaky.close();
    }
  });

  it("a configuration pointed at another client since does not speak for the token: given up", async () => {
    const flaky = await startFlakyRevocationEndpoint(fakes.google.revocationEndpoint);
    try {
      const school = await googleSchool("client-changed", { revocationEndpoint: flaky.url });
      await revokeConnection(await contextFor(school.admin, school.tenant), school.mailbox.id);
      const db = await getDb();
      await db.clientConfiguration.update({
        where: { id: school.config.id },
        data: { clientId: "another-app.apps.googleusercontent.com" },
      });
      flaky.bringUp();
      fakes.control.resetStats();

      expect((await retryPendingRevocations({ now: later() })).given_up).toBe(1);

      expect(fakes.control.stats().revocations).toEqual([]);
      expect(await mailboxRow(school.mailbox.id)).toMatchObject({
        providerRevocation: "unconfirmed",
        providerRevocationCode: "client_changed",
      });
      const words = await healthWords(school, school.mailbox.id);
      expect(words.owner.en.advice).toContain("https://myaccount.google.com/permissions");
    } finally {
      await flaky.close();
    }
  });
});

describe("revocations of two schools", () => {
  it("each authenticates with its own school's client; a row naming another school's configuration uses nothing of it", async () => {
    const flaky = await startFlakyRevocationEndpoint(fakes.google.revocationEndpoint);
    const clientB = { clientId: "school-b.apps.googleusercontent.com", clientSecret: "GOCSPX-school-b" };
    fakes.control.registerClient({ provider: "google", ...clientB, redirectUris: [REDIRECT_URI] });
    try {
      const a = await googleSchool("school-a", { revocationEndpoint: flaky.url });
      const b = await googleSchool("school-b", { revocationEndpoint: flaky.url, client: clientB });
      const a2 = await seedConnection({
        tenantId: a.tenant.id,
        clientConfigurationId: a.config.id,
        address: address("school-a-2"),
        refreshToken: "a-token-google-never-issued",
      });
      for (const school of [a, b]) {
        await revokeConnection(await contextFor(school.admin, school.tenant), school.mailbox.id);
      }
      await revokeConnection(await contextFor(a.admin, a.tenant), a2.id);
      const db = await getDb();
      // A row of school A that names school B's configuration (as a bug or a forged row would).
      await db.pendingRevocation.updateMany({
        where: { tenantId: a.tenant.id, mailboxId: a2.id },
        data: { clientConfigurationId: b.config.id },
      });
      flaky.bringUp();
      fakes.control.resetStats();

      expect(await retryPendingRevocations({ now: later() })).toEqual({
        done: 2,
        retry: 0,
        refused: 0,
        given_up: 1,
      });

      const sent = fakes.control.stats().revocations;
      expect(sent.map((r) => [r.clientId, r.authMethod, r.status]).sort()).toEqual(
        [
          [GOOGLE_CLIENT.clientId, "client_secret_post", 200],
          [clientB.clientId, "client_secret_post", 200],
        ].sort(),
      );
      expect(await mailboxRow(a2.id)).toMatchObject({
        providerRevocation: "unconfirmed",
        providerRevocationCode: "configuration_deleted",
      });
      for (const id of [a.mailbox.id, b.mailbox.id])
        expect((await mailboxRow(id)).providerRevocation).toBeNull();
      // Each school's audit log holds its own revocations only.
      const failed = await db.auditEntry.findMany({
        where: {
          action: "mailbox.provider_revocation_failed",
          targetId: { in: [a.mailbox.id, b.mailbox.id, a2.id] },
        },
      });
      expect(failed.map((e) => [e.tenantId, e.targetId])).toEqual([[a.tenant.id, a2.id]]);
    } finally {
      await flaky.close();
    }
  });
});
