import { randomUUID } from "node:crypto";
import { resolveClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { classifyTokenError } from "@/lib/oauth/oauth-errors";
import { callProvider } from "@/lib/tokens/call-provider";
import { parseDeviceResponse } from "./device-response";
import { findConnectableMailbox } from "./find-connectable-mailbox";
import type { FlowActor } from "./flow-actor";
import { FlowRefusal } from "./flow-refusal";
import type { FlowResult } from "./flow-result";
import { deviceCodeAad } from "@/lib/tokens/token-aad";
import { providerCode, tokenFailureResult } from "./token-failure-result";

/**
 * Asks the configuration's device endpoint for a user code (RFC 8628 §3.1)
 * and keeps the grant to poll: the device code encrypted, the user code and
 * verification address to show, the interval and expiry. Refusals (Google's
 * `invalid_scope` for mail scopes, a refused client) end as a FlowRefusal.
 */
export async function startDeviceAuthorization(
  actor: FlowActor,
  mailboxId: string,
  now = new Date(),
): Promise<{ id: string }> {
  const mailbox = await findConnectableMailbox(actor, mailboxId);
  const config = mailbox.clientConfiguration;
  const credentials = resolveClientCredentials(config);
  const refuse = (result: FlowResult) => new FlowRefusal({ ...result, mailbox: mailbox.address });
  if (!credentials.deviceEndpoint) throw refuse({ outcome: "device_unsupported" });
  const answer = await callProvider(
    credentials.deviceEndpoint,
    new URLSearchParams({ client_id: credentials.clientId, scope: config.scopes.join(" ") }),
  );
  if ("refusal" in answer)
    throw refuse(tokenFailureResult({ ok: false, refusal: answer.refusal }, "device_code").result);
  const device = answer.status === 200 ? parseDeviceResponse(answer.body) : null;
  if (!device) {
    const classification = classifyTokenError({ status: answer.status, body: answer.body });
    if (classification.error === "invalid_scope") throw refuse({ outcome: "device_scope_refused" });
    if (answer.status === 200) throw refuse({ outcome: "provider_error", code: "invalid_device_response" });
    const failure = tokenFailureResult(
      { ok: false, status: answer.status, body: answer.body },
      "device_code",
    );
    throw refuse({ ...failure.result, code: failure.result.code ?? providerCode(classification) });
  }
  const id = randomUUID();
  const db = await getDb();
  await db.deviceAuthorization.create({
    data: {
      id,
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      clientConfigurationId: config.id,
      userId: actor.kind === "person" ? actor.ctx.userId : null,
      connectLinkId: actor.kind === "link" ? actor.link.id : null,
      deviceCodeCipher: encryptSecret(device.deviceCode, deviceCodeAad(id)),
      userCode: device.userCode,
      verificationUri: device.verificationUri,
      verificationUriComplete: device.verificationUriComplete,
      intervalSeconds: device.interval,
      expiresAt: new Date(now.getTime() + device.expiresIn * 1000),
      nextPollAt: new Date(now.getTime() + device.interval * 1000),
      status: "pending",
    },
  });
  return { id };
}
