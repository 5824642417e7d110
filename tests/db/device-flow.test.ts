import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { flowResultOfError } from "@/lib/oauth-flow/flow-result-of-error";
import { pollDeviceAuthorization } from "@/lib/oauth-flow/poll-device-authorization";
import { startDeviceAuthorization } from "@/lib/oauth-flow/start-device-authorization";
import { deviceCodeAad } from "@/lib/tokens/token-aad";
import {
  actorOf,
  seedFakeMailbox,
  seedSchoolAtFake,
  setOAuthFlowEnvironment,
  useFakeProviders,
} from "../support/oauth-flow-fixtures";
import { useTestDatabase } from "../support/test-db";

setOAuthFlowEnvironment();
useTestDatabase();
const provider = useFakeProviders();

const address = (name: string) => `${name}-${randomBytes(3).toString("hex")}@college.test`;
const later = (row: { createdAt: Date }, seconds: number) =>
  new Date(row.createdAt.getTime() + seconds * 1000);

async function deviceRow(id: string) {
  const db = await getDb();
  return db.deviceAuthorization.findUniqueOrThrow({ where: { id } });
}

/** A school at the fake, one mailbox, and a device grant started by the admin. */
async function startGrant(kind: "google" | "microsoft", scopes?: string) {
  const { fakes } = provider;
  const school = await seedSchoolAtFake(fakes, kind, scopes ? { scopes } : {});
  const mailbox = await seedFakeMailbox(fakes, school, address("accueil"));
  const actor: FlowActor = await personActor(actorOf(school.admin), school.tenant.slug);
  const { id } = await startDeviceAuthorization(actor, mailbox.id);
  return { school, mailbox, actor, id, row: await deviceRow(id) };
}

describe("device authorization grant against the fake Microsoft", () => {
  it("stores the grant (device code encrypted, interval, expiry) and connects once the code is approved", async () => {
    const { fakes } = provider;
    const { mailbox, actor, id, row } = await startGrant("microsoft");
    expect(row).toMatchObject({
      status: "pending",
      intervalSeconds: 5,
      verificationUri: fakes.microsoft.verificationUri,
    });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(899_000);
    expect(decryptSecret(row.deviceCodeCipher, deviceCodeAad(id))).not.toBe(row.deviceCodeCipher);

    await fakes.control.approveDevice(row.userCode, mailbox.address);
    const view = await pollDeviceAuthorization(actor, id, { now: later(row, 5) });
    expect(view).toMatchObject({
      status: "approved",
      result: { outcome: "connected", mailbox: mailbox.address },
    });
    const db = await getDb();
    const connected = await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(connected).toMatchObject({ state: "connected", authorizedAccount: mailbox.address });
    expect(connected.refreshTokenCipher).not.toBeNull();
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: "mailbox.connected", targetId: mailbox.id },
    });
    expect(audit.details).toMatchObject({ flow: "device_code", state: "connected" });
  });

  it("keeps polling while pending, then connects", async () => {
    const { fakes } = provider;
    const { mailbox, actor, id, row } = await startGrant("microsoft");
    expect(await pollDeviceAuthorization(actor, id, { now: later(row, 5) })).toMatchObject({
      status: "pending",
      result: null,
      userCode: row.userCode,
    });
    await fakes.control.approveDevice(row.userCode, mailbox.address);
    fakes.control.advanceClock(5_000);
    expect(await pollDeviceAuthorization(actor, id, { now: later(row, 10) })).toMatchObject({
      status: "approved",
    });
  });

  it("adds 5 seconds to the interval for good on slow_down", async () => {
    const { fakes } = provider;
    const { actor, id, row } = await startGrant("microsoft");
    fakes.control.resetStats();
    await pollDeviceAuthorization(actor, id, { now: later(row, 5) });
    // Five seconds later for Relais, but not for the provider: it answers slow_down.
    await pollDeviceAuthorization(actor, id, { now: later(row, 10) });
    expect((await deviceRow(id)).intervalSeconds).toBe(10);
    await pollDeviceAuthorization(actor, id, { now: later(row, 15) });
    expect(fakes.control.stats().devicePolls).toBe(2);
    fakes.control.advanceClock(15_000);
    expect(await pollDeviceAuthorization(actor, id, { now: later(row, 20) })).toMatchObject({
      status: "pending",
    });
    expect(fakes.control.stats().devicePolls).toBe(3);
    expect((await deviceRow(id)).intervalSeconds).toBe(10);
  });

  it("stops when the person declines", async () => {
    const { fakes } = provider;
    const { mailbox, actor, id, row } = await startGrant("microsoft");
    await fakes.control.approveDevice(row.userCode, mailbox.address, { deny: true });
    const view = await pollDeviceAuthorization(actor, id, { now: later(row, 5) });
    expect(view).toMatchObject({ status: "denied", result: { outcome: "declined" } });
    expect((await pollDeviceAuthorization(actor, id, { now: later(row, 60) })).status).toBe("denied");
    const db = await getDb();
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).state).toBe("pending");
  });

  it("stops on the provider's expired_token, and on its own expiry without asking", async () => {
    const { fakes } = provider;
    const first = await startGrant("microsoft");
    fakes.control.advanceClock(901_000);
    expect(await pollDeviceAuthorization(first.actor, first.id, { now: later(first.row, 5) })).toMatchObject({
      status: "expired",
      result: { outcome: "device_expired" },
    });

    const second = await startGrant("microsoft");
    fakes.control.resetStats();
    const view = await pollDeviceAuthorization(second.actor, second.id, { now: later(second.row, 901) });
    expect(view.status).toBe("expired");
    expect(fakes.control.stats().devicePolls).toBe(0);
  });

  it("never polls faster than the interval, however many requests ask at once", async () => {
    const { fakes } = provider;
    const { actor, id, row } = await startGrant("microsoft");
    fakes.control.resetStats();
    for (let i = 0; i < 10; i++) await pollDeviceAuthorization(actor, id);
    expect(fakes.control.stats().devicePolls).toBe(0);
    const due = later(row, 5);
    await Promise.all(Array.from({ length: 10 }, () => pollDeviceAuthorization(actor, id, { now: due })));
    for (let i = 0; i < 5; i++) await pollDeviceAuthorization(actor, id, { now: later(row, 9) });
    expect(fakes.control.stats().devicePolls).toBe(1);
    expect((await deviceRow(id)).nextPollAt.getTime()).toBe(later(row, 10).getTime());
  });

  it("refuses another account than the mailbox's, storing nothing", async () => {
    const { fakes } = provider;
    const { mailbox, actor, id, row } = await startGrant("microsoft");
    const intruder = address("intruder");
    fakes.control.addMailbox(intruder, { provider: "microsoft" });
    await fakes.control.approveDevice(row.userCode, intruder);
    const view = await pollDeviceAuthorization(actor, id, { now: later(row, 5) });
    expect(view).toMatchObject({ status: "failed", result: { outcome: "wrong_account", account: intruder } });
    expect((await deviceRow(id)).errorCode).toBe("wrong_account");
    const db = await getDb();
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).toMatchObject({
      state: "pending",
      accessTokenCipher: null,
    });
  });
});

describe("device authorization grant against the fake Google", () => {
  it("reads verification_url, handles 428 pending and 403 slow_down by their error, then stores the grant", async () => {
    const { fakes } = provider;
    const { mailbox, actor, id, row } = await startGrant("google", "openid email");
    expect(row.verificationUri).toBe(fakes.google.verificationUrl);
    expect(row.intervalSeconds).toBe(5);
    expect(await pollDeviceAuthorization(actor, id, { now: later(row, 5) })).toMatchObject({
      status: "pending",
    });
    expect(await pollDeviceAuthorization(actor, id, { now: later(row, 10) })).toMatchObject({
      status: "pending",
    });
    expect((await deviceRow(id)).intervalSeconds).toBe(10);
    await fakes.control.approveDevice(row.userCode, mailbox.address);
    fakes.control.advanceClock(10_000);
    const view = await pollDeviceAuthorization(actor, id, { now: later(row, 20) });
    // Google never grants mail access with a code: the grant is stored but cannot send.
    expect(view).toMatchObject({
      status: "approved",
      result: { outcome: "insufficient_scope", missing: ["https://mail.google.com/"] },
    });
    const db = await getDb();
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).toMatchObject({
      state: "insufficient_scope",
      authorizedAccount: mailbox.address,
    });
  });

  it("turns Google's invalid_scope for mail scopes into a clear refusal, storing no grant", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("mail-scope"));
    const actor = await personActor(actorOf(school.admin), school.tenant.slug);
    const refused = await startDeviceAuthorization(actor, mailbox.id).catch(flowResultOfError);
    expect(refused).toMatchObject({ outcome: "device_scope_refused", mailbox: mailbox.address });
    const db = await getDb();
    expect(await db.deviceAuthorization.count({ where: { mailboxId: mailbox.id } })).toBe(0);
  });
});
