import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { deleteMailbox } from "@/lib/mailboxes/delete-mailbox";
import { updateMailbox } from "@/lib/mailboxes/update-mailbox";
import { storeConnectionTokens } from "@/lib/oauth-flow/store-connection-tokens";
import { issuedToNow } from "../support/issued-to";
import { countQueuedMail, countQueuedMailByMailbox } from "@/lib/revocation/count-queued-mail";
import { revokeConnection, revokeConnections } from "@/lib/revocation/revoke-connection";
import { retryPendingRevocations } from "@/lib/revocation/retry-pending-revocations";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { contextFor, seedMember, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { refresh } from "../unit/fakes/connect-mailbox";
import {
  GOOGLE_CLIENT,
  authorizeAtFake,
  connectAtFake,
  seedFakeConfiguration,
  useTokenTestEnvironment,
} from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

useTokenTestEnvironment();
useTestDatabase();

const fakes = useTokenFakes();
beforeEach(() => fakes.control.resetStats());

const address = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@lycee.test`;
const en = createTranslator("en");

/** A school with one mailbox connected at the fake provider (owned by its member when asked). */
async function connectedMailbox(
  provider: "google" | "microsoft",
  label: string,
  options: { ownedByMember?: boolean; revocationEndpoint?: string } = {},
) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(
    fakes,
    people.tenant.id,
    provider,
    options.revocationEndpoint ? { revocationEndpoint: options.revocationEndpoint } : undefined,
  );
  const connected = await connectAtFake(fakes, provider, {
    tenantId: people.tenant.id,
    clientConfigurationId: config.id,
    address: address(label),
    ...(options.ownedByMember ? { ownerIds: [people.member.id] } : {}),
  });
  return { ...people, config, ...connected };
}

async function mailboxRow(id: string) {
  return (await getDb()).mailbox.findUniqueOrThrow({ where: { id } });
}

/** A revocation endpoint in front of the fake's that refuses to answer (503) until it is switched up. */
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
      response.writeHead(forwarded.status).end(await forwarded.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/revoke`,
    bringUp: () => void (up = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function expectErasedAndAudited(mailboxId: string, secrets: string[]) {
  const row = await mailboxRow(mailboxId);
  expect(row).toMatchObject({
    state: "revoked",
    accessTokenCipher: null,
    refreshTokenCipher: null,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
  });
  const audit = await (
    await getDb()
  ).auditEntry.findMany({ where: { targetId: mailboxId, action: "mailbox.revoked" } });
  expect(audit).toHaveLength(1);
  const text = JSON.stringify(audit.map(({ details, targetLabel }) => ({ details, targetLabel })));
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("revokeConnection", () => {
  it("Google: the provider withdraws the grant, the tokens are erased, a later refresh at Google fails", async () => {
    const { tenant, member, mailbox, tokens } = await connectedMailbox("google", "google", {
      ownedByMember: true,
    });

    const result = await revokeConnection(await contextFor(member, tenant), mailbox.id);

    expect(result).toMatchObject({
      outcome: "revoked_at_provider",
      messageKey: "connections.revoke.doneAtProvider",
    });
    expect(fakes.control.stats().byProvider.google.revocationRequests).toBe(1);
    await expectErasedAndAudited(mailbox.id, [tokens.access_token, tokens.refresh_token]);
    expect(await (await getDb()).pendingRevocation.count({ where: { mailboxId: mailbox.id } })).toBe(0);
    const later = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
    expect(later.status).toBe(400);
    expect(later.body.error).toBe("invalid_grant");
    await expect(getAccessToken(mailbox.id, { tenantId: tenant.id })).rejects.toMatchObject({
      state: "revoked",
    });
  });

  it("Microsoft: no endpoint, the tokens are erased and the person is told to remove the app", async () => {
    const { tenant, admin, mailbox, tokens } = await connectedMailbox("microsoft", "microsoft");

    const result = await revokeConnection(await contextFor(admin, tenant), mailbox.id);

    expect(result.outcome).toBe("no_endpoint");
    expect(en(result.messageKey)).toContain("https://myapps.microsoft.com");
    expect(createTranslator("fr")(result.messageKey)).toContain("https://myapps.microsoft.com");
    await expectErasedAndAudited(mailbox.id, [tokens.access_token, tokens.refresh_token]);
    expect(fakes.control.stats().revocationRequests).toBe(0);
  });

  it("provider unreachable: erased at once, the token kept encrypted, and the retry withdraws the grant later", async () => {
    const flaky = await startFlakyRevocationEndpoint(fakes.google.revocationEndpoint);
    try {
      const { tenant, admin, mailbox, tokens } = await connectedMailbox("google", "flaky", {
        revocationEndpoint: flaky.url,
      });

      const result = await revokeConnection(await contextFor(admin, tenant), mailbox.id);

      expect(result).toMatchObject({
        outcome: "provider_pending",
        messageKey: "connections.revoke.donePending",
      });
      await expectErasedAndAudited(mailbox.id, [tokens.access_token, tokens.refresh_token]);
      const db = await getDb();
      const [pending] = await db.pendingRevocation.findMany({ where: { mailboxId: mailbox.id } });
      expect(pending).toMatchObject({ tenantId: tenant.id, attempts: 1, lastErrorCode: "http_503" });
      expect(pending!.tokenCipher).not.toContain(tokens.refresh_token);
      expect(pending!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      // Not due yet: nothing happens.
      expect(await retryPendingRevocations()).toEqual({ done: 0, retry: 0, refused: 0, given_up: 0 });

      flaky.bringUp();
      const later = new Date(Date.now() + 3600_000);
      expect(await retryPendingRevocations({ now: later })).toEqual({
        done: 1,
        retry: 0,
        refused: 0,
        given_up: 0,
      });
      expect(await db.pendingRevocation.count({ where: { mailboxId: mailbox.id } })).toBe(0);
      const refused = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
      expect(refused.body.error).toBe("invalid_grant");
    } finally {
      await flaky.close();
    }
  });

  it("a member revokes their own mailbox, and not one that is not assigned to them", async () => {
    const { tenant, member } = await seedTenantWithPeople();
    const other = await seedMember(tenant.id, "member");
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("owned"),
      ownerIds: [other.id],
    });
    const ctx = await contextFor(member, tenant);

    await expect(revokeConnection(ctx, mailbox.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeConnections(ctx, [mailbox.id])).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeConnection(ctx, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    const untouched = await mailboxRow(mailbox.id);
    expect(untouched.state).toBe("connected");
    expect(untouched.refreshTokenCipher).not.toBeNull();

    const results = await revokeConnections(await contextFor(other, tenant), [mailbox.id]);
    expect(results.map((r) => r.outcome)).toEqual(["no_endpoint"]);
    expect((await mailboxRow(mailbox.id)).state).toBe("revoked");
  });

  it("an admin revokes a selection; one foreign or unknown id refuses the whole selection", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const first = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("sel1"),
    });
    const second = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("sel2"),
    });
    const ctx = await contextFor(admin, tenant);

    await expect(revokeConnections(ctx, [first.mailbox.id, crypto.randomUUID()])).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await mailboxRow(first.mailbox.id)).state).toBe("connected");

    const results = await revokeConnections(ctx, [first.mailbox.id, second.mailbox.id]);
    expect(results).toHaveLength(2);
    expect((await mailboxRow(second.mailbox.id)).state).toBe("revoked");
  });

  it("says how many waiting mails revoking cancels, and cancels them", async () => {
    const { tenant, admin, member } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("queue"),
    });
    const db = await getDb();
    const mail = (status: "queued" | "held" | "sent") => ({
      tenantId: tenant.id,
      mailboxId: mailbox.id,
      messageId: `<${crypto.randomUUID()}@relais.test>`,
      source: "portal",
      to: ["parent@example.org"],
      subject: "Bulletin",
      text: "Bonjour",
      sizeBytes: 100,
      recipientCount: 1,
      status,
    });
    await db.outgoingMail.createMany({ data: [mail("queued"), mail("held"), mail("sent")] });
    const ctx = await contextFor(admin, tenant);

    expect(await countQueuedMail(ctx, mailbox.id)).toBe(2);
    expect(await countQueuedMailByMailbox(ctx, [mailbox.id])).toEqual({ [mailbox.id]: 2 });
    // A member it is not assigned to learns nothing about it.
    const memberCtx = await contextFor(member, tenant);
    await expect(countQueuedMail(memberCtx, mailbox.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await countQueuedMailByMailbox(memberCtx, [mailbox.id])).toEqual({});

    const result = await revokeConnection(ctx, mailbox.id);

    expect(result.cancelledMail).toBe(2);
    const statuses = (await db.outgoingMail.findMany({ where: { mailboxId: mailbox.id } })).map(
      (m) => m.status,
    );
    expect(statuses.sort()).toEqual(["cancelled", "cancelled", "sent"]);
    expect(await countQueuedMail(ctx, mailbox.id)).toBe(0);
  });

  it("the mailbox can be authorized again afterwards", async () => {
    const { tenant, member } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const email = address("again");
    const { mailbox } = await connectAtFake(fakes, "google", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      ownerIds: [member.id],
    });
    const ctx = await contextFor(member, tenant);
    await revokeConnection(ctx, mailbox.id);

    const tokens = await authorizeAtFake(fakes, "google", email);
    await storeConnectionTokens({
      by: ctx,
      tenantId: tenant.id,
      mailboxId: mailbox.id,
      mailboxAddress: email,
      tokens,
      grantedScopes: (tokens.scope ?? "").split(" "),
      authorizedAccount: email,
      state: "connected",
      flow: "authorization_code",
      connectLinkId: null,
      issuedTo: await issuedToNow(mailbox.id),
    });

    expect((await mailboxRow(mailbox.id)).state).toBe("connected");
    const token = await getAccessToken(mailbox.id, { tenantId: tenant.id, forceRefresh: true });
    expect(token.refreshed).toBe(true);
  });
});

describe("deleting a mailbox", () => {
  it("withdraws its grant at Google, so that the token it held no longer works anywhere", async () => {
    const { tenant, admin, mailbox, tokens } = await connectedMailbox("google", "deleted");

    const result = await deleteMailbox(await contextFor(admin, tenant), { id: mailbox.id });

    expect(result).toEqual({ address: mailbox.address, providerRevocation: "revoked_at_provider" });
    expect(fakes.control.stats().byProvider.google.revocationRequests).toBe(1);
    const db = await getDb();
    expect(await db.mailbox.count({ where: { id: mailbox.id } })).toBe(0);
    expect(await db.pendingRevocation.count({ where: { mailboxId: mailbox.id } })).toBe(0);
    const [audit] = await db.auditEntry.findMany({
      where: { targetId: mailbox.id, action: "mailbox.deleted" },
    });
    expect(audit?.details).toMatchObject({ providerRevocation: "requested" });
    expect(JSON.stringify(audit?.details)).not.toContain(tokens.refresh_token);
    const later = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
    expect(later.body.error).toBe("invalid_grant");
  });

  it("keeps the revocation after the mailbox is gone when the provider is unreachable, and retries it", async () => {
    const flaky = await startFlakyRevocationEndpoint(fakes.google.revocationEndpoint);
    try {
      const { tenant, admin, mailbox, tokens } = await connectedMailbox("google", "deleted-flaky", {
        revocationEndpoint: flaky.url,
      });

      const result = await deleteMailbox(await contextFor(admin, tenant), { id: mailbox.id });

      expect(result.providerRevocation).toBe("provider_pending");
      const db = await getDb();
      expect(await db.mailbox.count({ where: { id: mailbox.id } })).toBe(0);
      expect(await db.pendingRevocation.count({ where: { mailboxId: mailbox.id } })).toBe(1);
      flaky.bringUp();
      expect(await retryPendingRevocations({ now: new Date(Date.now() + 3600_000) })).toEqual({
        done: 1,
        retry: 0,
        refused: 0,
        given_up: 0,
      });
      const refused = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
      expect(refused.body.error).toBe("invalid_grant");
    } finally {
      await flaky.close();
    }
  });

  it("asks nothing of Microsoft, which has no revocation endpoint", async () => {
    const { tenant, admin, mailbox } = await connectedMailbox("microsoft", "deleted-ms");

    const result = await deleteMailbox(await contextFor(admin, tenant), { id: mailbox.id });

    expect(result.providerRevocation).toBe("no_endpoint");
    expect(fakes.control.stats().revocationRequests).toBe(0);
    expect(await (await getDb()).pendingRevocation.count({ where: { mailboxId: mailbox.id } })).toBe(0);
  });
});

/**
 * The callback's store of a grant the fake gave for `address`, for a flow that checked it against
 * `issuedTo`, the mailbox having changed since.
 */
async function storeLateGrant(
  by: Awaited<ReturnType<typeof contextFor>>,
  mailbox: { id: string; tenantId: string; address: string },
  tokens: Awaited<ReturnType<typeof authorizeAtFake>>,
  issuedTo: Awaited<ReturnType<typeof issuedToNow>>,
) {
  return storeConnectionTokens({
    by,
    tenantId: mailbox.tenantId,
    mailboxId: mailbox.id,
    mailboxAddress: mailbox.address,
    tokens,
    grantedScopes: (tokens.scope ?? "").split(" "),
    authorizedAccount: mailbox.address,
    state: "connected",
    flow: "authorization_code",
    connectLinkId: null,
    issuedTo,
  });
}

describe("moving a mailbox to another configuration", () => {
  it("withdraws the grant the old configuration's client held", async () => {
    const { tenant, admin, mailbox, tokens } = await connectedMailbox("google", "moved");
    const other = await seedFakeConfiguration(fakes, tenant.id, "microsoft");

    const result = await updateMailbox(await contextFor(admin, tenant), {
      id: mailbox.id,
      displayName: "",
      clientConfigurationId: other.id,
    });

    expect(result).toMatchObject({ moved: true, disconnected: true });
    expect(fakes.control.stats().byProvider.google.revocationRequests).toBe(1);
    expect(await (await getDb()).pendingRevocation.count({ where: { mailboxId: mailbox.id } })).toBe(0);
    const later = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
    expect(later.body.error).toBe("invalid_grant");
  });

  it("while its owner is authorizing: the grant that arrives is withdrawn, not stored, and the flow says why", async () => {
    const { tenant, admin, member } = await seedTenantWithPeople();
    const google = await seedFakeConfiguration(fakes, tenant.id, "google");
    const other = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = address("moving");
    const { mailbox } = await connectAtFake(fakes, "google", {
      tenantId: tenant.id,
      clientConfigurationId: google.id,
      address: email,
      ownerIds: [member.id],
    });
    // The owner starts a reconnect under Google's client; the admin moves the mailbox before it returns.
    const issuedTo = await issuedToNow(mailbox.id);
    const tokens = await authorizeAtFake(fakes, "google", email);
    await updateMailbox(await contextFor(admin, tenant), {
      id: mailbox.id,
      displayName: "",
      clientConfigurationId: other.id,
    });
    fakes.control.resetStats();

    const stored = storeLateGrant(
      await contextFor(member, tenant),
      { ...mailbox, address: email },
      tokens,
      issuedTo,
    );

    await expect(stored).rejects.toMatchObject({
      result: { outcome: "mailbox_changed", reasonKey: "connect.result.configChanged" },
    });
    const row = await mailboxRow(mailbox.id);
    expect(row).toMatchObject({
      clientConfigurationId: other.id,
      state: "pending",
      accessTokenCipher: null,
      refreshTokenCipher: null,
    });
    expect(fakes.control.stats().byProvider.google.revocationRequests).toBe(1);
    const later = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
    expect(later.body.error).toBe("invalid_grant");
    expect(en("connect.result.configChanged")).toContain("Start again");
    const [audit] = await (
      await getDb()
    ).auditEntry.findMany({ where: { targetId: mailbox.id, action: "mailbox.connect_failed" } });
    expect(audit?.details).toEqual({
      outcome: "mailbox_changed",
      account: email,
      providerRevocation: "requested",
    });
  });

  it("given another delegate while authorizing: the old delegate's grant is not stored", async () => {
    const { tenant, admin, mailbox } = await connectedMailbox("google", "delegated");
    const issuedTo = await issuedToNow(mailbox.id);
    const tokens = await authorizeAtFake(fakes, "google", mailbox.address);
    await updateMailbox(await contextFor(admin, tenant), {
      id: mailbox.id,
      displayName: "",
      clientConfigurationId: issuedTo.configuration.id,
      delegateAccount: `delegate-${mailbox.address}`,
    });

    const stored = storeLateGrant(await contextFor(admin, tenant), mailbox, tokens, issuedTo);

    await expect(stored).rejects.toMatchObject({
      result: { outcome: "mailbox_changed", reasonKey: "connect.result.delegateChanged" },
    });
    expect(await mailboxRow(mailbox.id)).toMatchObject({ state: "pending", accessTokenCipher: null });
    expect(fakes.control.stats().byProvider.google.revocationRequests).toBe(2);
    const later = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
    expect(later.body.error).toBe("invalid_grant");
  });

  it("deleted while its owner is authorizing: the grant that arrives is withdrawn", async () => {
    const { tenant, admin, mailbox } = await connectedMailbox("google", "deleted-meanwhile");
    const issuedTo = await issuedToNow(mailbox.id);
    const tokens = await authorizeAtFake(fakes, "google", mailbox.address);
    await deleteMailbox(await contextFor(admin, tenant), { id: mailbox.id });
    fakes.control.resetStats();

    const stored = storeLateGrant(await contextFor(admin, tenant), mailbox, tokens, issuedTo);

    await expect(stored).rejects.toMatchObject({
      result: { outcome: "not_found", mailbox: mailbox.address },
    });
    expect(fakes.control.stats().byProvider.google.revocationRequests).toBe(1);
    const later = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, GOOGLE_CLIENT);
    expect(later.body.error).toBe("invalid_grant");
    expect(await (await getDb()).mailbox.count({ where: { id: mailbox.id } })).toBe(0);
  });
});
