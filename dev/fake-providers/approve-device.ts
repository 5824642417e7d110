import type { FakeOAuthServer } from "./fake-world";
import { knownScopes } from "./scope-catalogue";

export interface DeviceDecision {
  /** The person refuses: polling answers access_denied / authorization_declined. */
  deny?: boolean;
}

/**
 * Completes a device authorization without the browser pages: what a person entering the user
 * code and consenting would do. Returns false when no fake provider knows the code.
 */
export async function approveDevice(
  server: FakeOAuthServer,
  userCode: string,
  email: string,
  decision: DeviceDecision,
): Promise<boolean> {
  const { provider, world } = server;
  const normalized = userCode.toUpperCase().replace(/\W/g, "");
  const code = await provider.DeviceCode.findByUserCode(normalized, { ignoreExpiration: true });
  if (!code) return false;
  if (decision.deny) {
    Object.assign(code, { error: "access_denied", errorDescription: "End-User aborted interaction" });
    await code.save();
    return true;
  }
  const mailbox =
    world.mailboxes.find(email, server.name) ??
    (world.settings.acceptAnyAccount ? world.mailboxes.add(email, server.name) : undefined);
  if (!mailbox) throw new Error(`no fake ${server.name} mailbox ${email}`);
  const requested = String(code.params?.scope ?? "").split(" ");
  const known = new Set(knownScopes(server.name));
  const scope = requested.filter((item) => known.has(item)).join(" ");
  const grant = new provider.Grant({ accountId: mailbox.accountId, clientId: code.clientId });
  if (scope) grant.addOIDCScope(scope);
  const grantId = await grant.save();
  Object.assign(code, {
    accountId: mailbox.accountId,
    grantId,
    scope,
    authTime: Math.floor(Date.now() / 1000),
  });
  await code.save();
  return true;
}
