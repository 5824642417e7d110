import { resolveClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { currentRequestId } from "@/lib/log/request-log";
import { deviceErrorCode, deviceOutcome, type DeviceStatus } from "./device-outcome";
import { expectedIssuerFor } from "./expected-issuer";
import { findConnectableMailbox } from "./find-connectable-mailbox";
import { findDeviceAuthorization, type DeviceAuthorizationRow } from "./find-device-authorization";
import { finishConnection } from "./finish-connection";
import type { FlowActor } from "./flow-actor";
import { FlowRefusal } from "./flow-refusal";
import type { FlowResult } from "./flow-result";
import { flowResultOfError } from "./flow-result-of-error";
import { recordConnectFailure } from "./record-connect-failure";
import { deviceCodeAad } from "@/lib/tokens/token-aad";
import { tokenFailureResult } from "./token-failure-result";
import { requestToken } from "@/lib/tokens/token-request";

export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export type DeviceView = {
  id: string;
  status: DeviceStatus;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | null;
  mailbox: string;
  /** Set once the grant is over: what it ended in. */
  result: FlowResult | null;
};

/** Ends a pending grant; a grant another request already ended stays as that one left it. */
async function settle(row: DeviceAuthorizationRow, status: DeviceStatus, errorCode: string | null = null) {
  const db = await getDb();
  await db.deviceAuthorization.updateMany({
    where: { id: row.id, tenantId: row.tenantId, status: "pending" },
    data: { status, errorCode },
  });
}

/**
 * Takes the right to poll now: only when `nextPollAt` has passed, moving it
 * one interval ahead in the same statement, so that several tabs, pages or
 * instances never poll the provider faster than the interval.
 */
async function claimPoll(row: DeviceAuthorizationRow, now: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.deviceAuthorization.updateMany({
    where: { id: row.id, tenantId: row.tenantId, status: "pending", nextPollAt: { lte: now } },
    data: { nextPollAt: new Date(now.getTime() + row.intervalSeconds * 1000) },
  });
  return count === 1;
}

async function slowDown(row: DeviceAuthorizationRow, now: Date) {
  const db = await getDb();
  // RFC 8628 §3.5: slow_down adds 5 seconds to the interval for this grant, for good.
  const interval = row.intervalSeconds + 5;
  await db.deviceAuthorization.updateMany({
    where: { id: row.id, tenantId: row.tenantId, status: "pending" },
    data: { intervalSeconds: interval, nextPollAt: new Date(now.getTime() + interval * 1000) },
  });
}

/** One request to the token endpoint; returns the result when the grant ended. */
async function pollOnce(
  actor: FlowActor,
  row: DeviceAuthorizationRow,
  now: Date,
): Promise<FlowResult | null> {
  const mailbox = await findConnectableMailbox(actor, row.mailboxId);
  if (mailbox.clientConfiguration.id !== row.clientConfigurationId) {
    throw new FlowRefusal({ outcome: "mailbox_changed", reasonKey: "connect.result.configChanged" });
  }
  const credentials = resolveClientCredentials(mailbox.clientConfiguration);
  const call = await requestToken(credentials, {
    grant_type: DEVICE_GRANT,
    device_code: decryptSecret(row.deviceCodeCipher, deviceCodeAad(row.id)),
  });
  if (call.ok) {
    const result = await finishConnection({
      actor,
      mailbox,
      credentials,
      tokens: call.tokens,
      expectedIssuer: expectedIssuerFor(credentials.authorizationEndpoint),
      flow: "device_code",
      now,
    });
    const stored = result.outcome === "connected" || result.outcome === "insufficient_scope";
    await settle(row, stored ? "approved" : "failed", stored ? null : deviceErrorCode(result));
    return result;
  }
  // Google answers pending with 428 and slow_down with 403, Microsoft with 400: the `error` decides.
  const error =
    "body" in call && typeof call.body === "object" ? (call.body as { error?: unknown })?.error : null;
  if (error === "authorization_pending") return null;
  if (error === "slow_down") {
    await slowDown(row, now);
    return null;
  }
  if (error === "access_denied" || error === "authorization_declined") {
    await settle(row, "denied");
    return { outcome: "declined", mailbox: mailbox.address };
  }
  if (error === "expired_token") {
    await settle(row, "expired");
    return { outcome: "device_expired", mailbox: mailbox.address };
  }
  const { kind, result } = tokenFailureResult(call, "device_code");
  if (kind === "transient" || kind === "unreachable") return null;
  const failed = { ...result, mailbox: mailbox.address };
  if (kind === "invalid_client" || kind === "consent_required") {
    await recordConnectFailure(actor, mailbox, failed, kind, now);
  }
  await settle(row, "failed", deviceErrorCode(failed));
  return failed;
}

/**
 * The status page's question, "is it done?": polls the provider at most once,
 * and only when the interval allows (see claimPoll); success goes through the
 * same identity, scope and storage checks as the authorization code flow.
 */
export async function pollDeviceAuthorization(
  actor: FlowActor,
  id: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<DeviceView> {
  let row = await findDeviceAuthorization(actor, id);
  let result: FlowResult | null = null;
  if (row.status === "pending" && row.expiresAt <= now) {
    await settle(row, "expired");
  } else if (row.status === "pending" && (await claimPoll(row, now))) {
    try {
      result = await pollOnce(actor, row, now);
    } catch (error) {
      const fields = {
        requestId: await currentRequestId(),
        tenantId: row.tenantId,
        mailboxId: row.mailboxId,
      };
      result = { mailbox: row.mailbox.address, ...flowResultOfError(error, fields) };
      if (result.outcome !== "internal") await settle(row, "failed", deviceErrorCode(result));
    }
  }
  row = await findDeviceAuthorization(actor, id).catch(() => row);
  return deviceView(row, result);
}

export function deviceView(row: DeviceAuthorizationRow, result: FlowResult | null = null): DeviceView {
  return {
    id: row.id,
    status: row.status as DeviceStatus,
    userCode: row.userCode,
    verificationUri: row.verificationUri,
    verificationUriComplete: row.verificationUriComplete,
    mailbox: row.mailbox.address,
    // The request that ended the grant knows more (which account was used) than the row keeps.
    result: row.status === "pending" ? null : (result ?? deviceOutcome(row)),
  };
}
