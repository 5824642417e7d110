import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { completeAuthorization } from "@/lib/oauth-flow/complete-authorization";
import { linkActor, personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { flowResultOfError } from "@/lib/oauth-flow/flow-result-of-error";
import { startAuthorization } from "@/lib/oauth-flow/start-authorization";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import { verifyXoauth2 } from "@/lib/smtp/verify-xoauth2";
import {
  REDIRECT_URI,
  actorOf,
  seedConnectLink,
  seedFakeMailbox,
  seedSchoolAtFake,
  setOAuthFlowEnvironment,
  useFakeProviders,
} from "../support/oauth-flow-fixtures";
import { useTestDatabase } from "../support/test-db";
import { FormBrowser, authorizeThroughPages, type AuthorizeChoices } from "../unit/fakes/form-browser";

setOAuthFlowEnvironment();
useTestDatabase();
const provider = useFakeProviders();

const MAIL = "https://mail.google.com/";
const address = (name: string) => `${name}-${randomBytes(3).toString("hex")}@lycee.test`;

type School = Awaited<ReturnType<typeof seedSchoolAtFake>>;

async function adminOf(school: School): Promise<FlowActor> {
  return personActor(actorOf(school.admin), school.tenant.slug);
}

/** Start → the fake's login and consent pages → back at the callback with the browser's cookie. */
async function authorize(actor: FlowActor, mailboxId: string, choices: AuthorizeChoices, binding?: string) {
  const started = await startAuthorization(actor, mailboxId, {
    browserBinding: binding,
    returnTo: "/t/x/my-mailboxes",
  });
  const redirect = await authorizeThroughPages(
    new FormBrowser(),
    started.authorizationUrl,
    REDIRECT_URI,
    choices,
  );
  return { started, params: redirect.searchParams };
}

function callback(params: URLSearchParams, binding: string | undefined, actor: FlowActor) {
  const user =
    actor.kind === "person" ? { userId: actor.ctx.userId, email: actor.ctx.userEmail, ip: null } : null;
  return completeAuthorization({ params, browserBinding: binding, user, ip: "198.51.100.4" });
}

async function mailboxRow(id: string) {
  const db = await getDb();
  return db.mailbox.findUniqueOrThrow({ where: { id } });
}

async function expectNothingStored(id: string) {
  const row = await mailboxRow(id);
  expect(row).toMatchObject({
    state: "pending",
    accessTokenCipher: null,
    refreshTokenCipher: null,
    connectedAt: null,
  });
}

describe("authorization code flow against the fake Google", () => {
  it("connects: tokens encrypted and bound to the row, scopes, expiry, account, audit without tokens", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("secretariat"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });
    const url = new URL(started.authorizationUrl);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("login_hint")).toBe(mailbox.address);
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(url.searchParams.get("access_type")).toBe("offline");

    const before = Date.now();
    const result = await callback(params, started.browserBinding, actor);
    expect(result).toMatchObject({
      outcome: "connected",
      mailbox: mailbox.address,
      back: "/t/x/my-mailboxes",
    });

    const row = await mailboxRow(mailbox.id);
    expect(row.state).toBe("connected");
    expect(row.authorizedAccount).toBe(mailbox.address);
    expect(row.grantedScopes).toContain(MAIL);
    expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3590_000);
    const accessToken = decryptSecret(row.accessTokenCipher!, accessTokenAad(mailbox.id));
    const refreshToken = decryptSecret(row.refreshTokenCipher!, refreshTokenAad(mailbox.id));
    expect(row.accessTokenCipher).not.toContain(accessToken);
    expect(() => decryptSecret(row.accessTokenCipher!, refreshTokenAad(mailbox.id))).toThrow();
    expect(() =>
      decryptSecret(row.refreshTokenCipher!, refreshTokenAad(randomBytes(8).toString("hex"))),
    ).toThrow();
    // The stored access token is the real thing: it opens the mailbox over SMTP XOAUTH2.
    const smtp = { host: fakes.smtp.host, port: fakes.smtp.port, security: "starttls" as const };
    expect(await verifyXoauth2(smtp, mailbox.address, accessToken)).toEqual({ ok: true });

    const db = await getDb();
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: school.tenant.id, action: "mailbox.connected", targetId: mailbox.id },
    });
    expect(audit).toMatchObject({ actorId: school.admin.id, actorLabel: school.admin.email });
    const details = JSON.stringify(audit.details);
    for (const secret of [accessToken, refreshToken, row.accessTokenCipher!, row.refreshTokenCipher!]) {
      expect(details).not.toContain(secret);
    }
  });

  it("refuses a forged, a missing and an expired state, storing nothing", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("accueil"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });

    const forged = new URLSearchParams(params);
    forged.set("state", randomBytes(32).toString("base64url"));
    expect(await callback(forged, started.browserBinding, actor)).toEqual({ outcome: "state_unknown" });
    const missing = new URLSearchParams(params);
    missing.delete("state");
    expect(await callback(missing, started.browserBinding, actor)).toEqual({ outcome: "state_missing" });

    const late = await startAuthorization(actor, mailbox.id, { now: new Date(Date.now() - 11 * 60_000) });
    const lateParams = new URLSearchParams({
      state: new URL(late.authorizationUrl).searchParams.get("state")!,
      code: "x",
    });
    expect(await callback(lateParams, late.browserBinding, actor)).toMatchObject({
      outcome: "state_expired",
    });
    await expectNothingStored(mailbox.id);
  });

  it("refuses a state from another browser without spending it, then lets the right browser finish", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("cdi"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });

    const otherBrowser = randomBytes(32).toString("base64url");
    expect(await callback(params, otherBrowser, actor)).toMatchObject({ outcome: "other_browser" });
    expect(await callback(params, undefined, actor)).toMatchObject({ outcome: "other_browser" });
    await expectNothingStored(mailbox.id);
    expect(await callback(params, started.browserBinding, actor)).toMatchObject({ outcome: "connected" });
  });

  it("keeps the browser's binding across two flows, so that two tabs do not undo each other", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const first = await seedFakeMailbox(fakes, school, address("tab-one"));
    const second = await seedFakeMailbox(fakes, school, address("tab-two"));
    const actor = await adminOf(school);
    const one = await authorize(actor, first.id, { email: first.address });
    const two = await authorize(actor, second.id, { email: second.address }, one.started.browserBinding);
    expect(two.started.browserBinding).toBe(one.started.browserBinding);
    expect(await callback(one.params, one.started.browserBinding, actor)).toMatchObject({
      outcome: "connected",
    });
    expect(await callback(two.params, one.started.browserBinding, actor)).toMatchObject({
      outcome: "connected",
    });
  });

  it("refuses tenant A's person completing tenant B's state, even with B's cookie", async () => {
    const { fakes } = provider;
    const schoolA = await seedSchoolAtFake(fakes, "google");
    const schoolB = await seedSchoolAtFake(fakes, "google");
    const mailboxB = await seedFakeMailbox(fakes, schoolB, address("b-office"));
    const { started, params } = await authorize(await adminOf(schoolB), mailboxB.id, {
      email: mailboxB.address,
    });
    const result = await callback(params, started.browserBinding, await adminOf(schoolA));
    expect(result.outcome).toBe("other_person");
    await expectNothingStored(mailboxB.id);
  });

  it("refuses an iss from another issuer", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("vie-scolaire"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });
    expect(params.get("iss")).toBe(fakes.google.issuer);
    const mixedUp = new URLSearchParams(params);
    mixedUp.set("iss", "https://attacker.example");
    expect(await callback(mixedUp, started.browserBinding, actor)).toMatchObject({
      outcome: "issuer_mismatch",
    });
    await expectNothingStored(mailbox.id);
  });

  it("refuses an injected code obtained with another PKCE verifier (the provider says so), storing nothing", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("intendance"));
    const actor = await adminOf(school);
    const victim = await startAuthorization(actor, mailbox.id);
    // The attacker's own authorization, with its own verifier; its code is pasted into the victim's callback.
    const attacker = await authorize(actor, mailbox.id, { email: mailbox.address });
    const injected = new URLSearchParams({
      state: new URL(victim.authorizationUrl).searchParams.get("state")!,
      code: attacker.params.get("code")!,
    });
    const result = await callback(injected, victim.browserBinding, actor);
    expect(result).toMatchObject({ outcome: "code_refused", code: "invalid_grant" });
    await expectNothingStored(mailbox.id);
  });

  it("answers a reused state and a redeemed code as already completed, leaving the first tokens intact", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("direction"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });
    expect(await callback(params, started.browserBinding, actor)).toMatchObject({ outcome: "connected" });
    const first = await mailboxRow(mailbox.id);

    expect(await callback(params, started.browserBinding, actor)).toMatchObject({
      outcome: "already_completed",
    });
    // A fresh state with the already redeemed code: the provider refuses it; nothing changes here.
    const again = await startAuthorization(actor, mailbox.id, { browserBinding: started.browserBinding });
    const replay = new URLSearchParams({
      state: new URL(again.authorizationUrl).searchParams.get("state")!,
      code: params.get("code")!,
    });
    expect(await callback(replay, started.browserBinding, actor)).toMatchObject({
      outcome: "already_completed",
    });

    const after = await mailboxRow(mailbox.id);
    expect(after).toMatchObject({
      state: "connected",
      accessTokenCipher: first.accessTokenCipher,
      refreshTokenCipher: first.refreshTokenCipher,
      connectedAt: first.connectedAt,
    });
  });

  it("refuses another account, names both accounts, stores nothing and leaves an audit entry", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("secretariat"));
    const intruder = address("someone-else");
    fakes.control.addMailbox(intruder, { provider: "google" });
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: intruder });
    const result = await callback(params, started.browserBinding, actor);
    expect(result).toMatchObject({ outcome: "wrong_account", account: intruder, mailbox: mailbox.address });
    await expectNothingStored(mailbox.id);
    const db = await getDb();
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: school.tenant.id, action: "mailbox.connect_failed", targetId: mailbox.id },
    });
    expect(audit.details).toMatchObject({ outcome: "wrong_account", account: intruder });
  });

  it("stores an authorization without the mail scope as insufficient_scope and says what is missing", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("compta"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, {
      email: mailbox.address,
      untick: [MAIL],
    });
    const result = await callback(params, started.browserBinding, actor);
    expect(result).toMatchObject({ outcome: "insufficient_scope", missing: [MAIL] });
    expect(result.retry).toBe(
      `/api/oauth/authorize?tenant=${school.tenant.slug}&mailbox=${mailbox.id}&returnTo=%2Ft%2Fx%2Fmy-mailboxes`,
    );
    const row = await mailboxRow(mailbox.id);
    expect(row.state).toBe("insufficient_scope");
    expect(row.grantedScopes).not.toContain(MAIL);
    expect(row.accessTokenCipher).not.toBeNull();
  });

  it("shows a declined consent as declined, storing nothing", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("infirmerie"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address, deny: true });
    expect(params.get("error")).toBe("access_denied");
    expect(await callback(params, started.browserBinding, actor)).toMatchObject({ outcome: "declined" });
    await expectNothingStored(mailbox.id);
  });

  it("keeps the stored refresh token when a reconnect returns none (no prompt=consent)", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google", { authorizationQuery: "?access_type=offline" });
    const mailbox = await seedFakeMailbox(fakes, school, address("reconnect"));
    const actor = await adminOf(school);
    const first = await authorize(actor, mailbox.id, { email: mailbox.address });
    expect(await callback(first.params, first.started.browserBinding, actor)).toMatchObject({
      outcome: "connected",
    });
    const connected = await mailboxRow(mailbox.id);
    expect(connected.refreshTokenCipher).not.toBeNull();

    const second = await authorize(actor, mailbox.id, { email: mailbox.address });
    const result = await callback(second.params, second.started.browserBinding, actor);
    expect(result).toMatchObject({ outcome: "connected" });
    expect(result.noRefreshToken).toBeUndefined();
    const reconnected = await mailboxRow(mailbox.id);
    expect(reconnected.id).toBe(mailbox.id);
    expect(reconnected.accessTokenCipher).not.toBe(connected.accessTokenCipher);
    expect(reconnected.refreshTokenCipher).toBe(connected.refreshTokenCipher);
    const db = await getDb();
    const audits = await db.auditEntry.findMany({
      where: { action: "mailbox.connected", targetId: mailbox.id },
    });
    expect(
      audits.map((entry) => (entry.details as { newRefreshToken: boolean }).newRefreshToken).sort(),
    ).toEqual([false, true]);
  });

  it("shows a refused client secret as the school's configuration refused, and records it on the mailbox", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google", { registeredSecret: "GOCSPX-the-real-one" });
    const mailbox = await seedFakeMailbox(fakes, school, address("refused"));
    const actor = await adminOf(school);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });
    const result = await callback(params, started.browserBinding, actor);
    expect(result).toMatchObject({ outcome: "config_refused", code: "invalid_client" });
    expect(result.reasonKey).toBe("clients.test.outcomes.invalid_client");
    const row = await mailboxRow(mailbox.id);
    expect(row).toMatchObject({ state: "pending", accessTokenCipher: null, lastErrorCode: "invalid_client" });
  });
});

describe("authorization code flow against the fake Microsoft", () => {
  it("connects a public client with PKCE, reading the account from the id_token", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "microsoft");
    const mailbox = await seedFakeMailbox(fakes, school, address("secretariat"), [school.member.id]);
    const actor = await personActor(actorOf(school.member), school.tenant.slug);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });
    expect(params.get("iss")).toBeNull();
    const result = await callback(params, started.browserBinding, actor);
    expect(result).toMatchObject({ outcome: "connected", mailbox: mailbox.address });
    const row = await mailboxRow(mailbox.id);
    expect(row.grantedScopes).toContain("https://outlook.office.com/SMTP.Send");
    expect(row.authorizedAccount).toBe(mailbox.address);
    expect(row.refreshTokenCipher).not.toBeNull();
  });

  it("without openid, checks the account with one SMTP XOAUTH2 sign-in, and refuses another account", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "microsoft", {
      scopes: "https://outlook.office.com/SMTP.Send offline_access",
    });
    const mailbox = await seedFakeMailbox(fakes, school, address("smtp-only"));
    const actor = await adminOf(school);
    fakes.control.resetStats();
    const good = await authorize(actor, mailbox.id, { email: mailbox.address });
    expect(await callback(good.params, good.started.browserBinding, actor)).toMatchObject({
      outcome: "connected",
    });
    // One sign-in proves the account; the preflight run after the connect signs in once more.
    expect(fakes.control.stats().smtp.authAttempts).toBe(2);
    expect((await mailboxRow(mailbox.id)).authorizedAccount).toBe(mailbox.address);

    const other = await seedFakeMailbox(fakes, school, address("other-box"));
    const wrong = await authorize(actor, other.id, { email: mailbox.address });
    expect(await callback(wrong.params, wrong.started.browserBinding, actor)).toMatchObject({
      outcome: "account_refused",
      mailbox: other.address,
    });
    await expectNothingStored(other.id);
  });
});

describe("connect links", () => {
  it("connects without a session, uses the link up, and refuses it afterwards", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("owner"));
    const { token, link } = await seedConnectLink(mailbox);
    const actor = await linkActor(token, null);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });
    const result = await callback(params, started.browserBinding, actor);
    expect(result).toMatchObject({ outcome: "connected", viaLink: true });
    expect(result.retry).toBeUndefined();

    const db = await getDb();
    expect((await db.connectLink.findUniqueOrThrow({ where: { id: link.id } })).usedAt).not.toBeNull();
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: "mailbox.connected", targetId: mailbox.id },
    });
    expect(audit).toMatchObject({ actorId: null, actorLabel: mailbox.address, ip: "198.51.100.4" });

    const second = await linkActor(token, null).catch(flowResultOfError);
    expect(second).toMatchObject({ outcome: "link_invalid" });
  });

  it("refuses to finish when the link was revoked meanwhile, storing nothing", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("revoked-link"));
    const { token, link } = await seedConnectLink(mailbox);
    const actor = await linkActor(token, null);
    const { started, params } = await authorize(actor, mailbox.id, { email: mailbox.address });
    const db = await getDb();
    await db.connectLink.update({ where: { id: link.id }, data: { revokedAt: new Date() } });
    expect(await callback(params, started.browserBinding, actor)).toMatchObject({ outcome: "link_invalid" });
    await expectNothingStored(mailbox.id);
  });

  it("opens only its own mailbox", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("pinned"));
    const neighbour = await seedFakeMailbox(fakes, school, address("neighbour"));
    const { token } = await seedConnectLink(mailbox);
    const actor = await linkActor(token, null);
    await expect(startAuthorization(actor, neighbour.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
