import { DEVICE_CODE_GRANT } from "./client-registry";
import type { FakeOAuthServer } from "./fake-world";
import type { Tombstone } from "./fake-store";
import type { TokenErrorContext, TokenErrorKind } from "./token-error";

export interface GrantProblem {
  kind: TokenErrorKind;
  context?: TokenErrorContext;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function refreshTombstoneKind(stone: Tombstone): TokenErrorKind {
  if (stone.reason === "expired") return "refresh_expired";
  if (stone.reason === "reused") return "refresh_reused";
  return "refresh_revoked";
}

function checkRefreshToken(
  server: FakeOAuthServer,
  token: string,
  clientId: string,
): GrantProblem | undefined {
  const { store, world } = server;
  const payload = store.find("RefreshToken", token);
  if (!payload) {
    const stone = store.tombstone("RefreshToken", token);
    return stone
      ? { kind: refreshTombstoneKind(stone), context: { issuedAt: stone.iat } }
      : { kind: "refresh_invalid" };
  }
  if (payload.clientId !== clientId) return { kind: "refresh_invalid" };
  if ((payload.exp ?? 0) <= nowSeconds())
    return { kind: "refresh_expired", context: { issuedAt: payload.iat } };
  const reused = store.refreshTokenUsedAt(token) !== undefined;
  if (server.name === "microsoft" && world.settings.strictRotation && reused && payload.grantId) {
    store.revokeGrant(payload.grantId, "reused");
    return { kind: "refresh_reused" };
  }
  return undefined;
}

function checkAuthorizationCode(
  server: FakeOAuthServer,
  code: string,
  clientId: string,
): GrantProblem | undefined {
  const payload = server.store.find("AuthorizationCode", code);
  if (!payload || payload.clientId !== clientId) return { kind: "code_invalid" };
  // Answered here so that oidc-provider does not revoke the grant: neither provider does on a double callback.
  if (payload.consumed) return { kind: "code_redeemed" };
  if ((payload.exp ?? 0) <= nowSeconds()) return { kind: "code_expired" };
  return undefined;
}

function checkDevicePoll(
  server: FakeOAuthServer,
  deviceCode: string,
  clientId: string,
): GrantProblem | undefined {
  const { store, world, devicePolls } = server;
  const payload = store.find("DeviceCode", deviceCode);
  if (!payload || payload.clientId !== clientId || payload.consumed) return { kind: "code_invalid" };
  const now = world.clock.now();
  const poll = devicePolls.get(deviceCode);
  if (poll && now - poll.last < poll.interval * 1000) {
    // RFC 8628: slow_down adds 5 seconds to the interval for good.
    devicePolls.set(deviceCode, { last: now, interval: poll.interval + 5 });
    return { kind: "slow_down" };
  }
  devicePolls.set(deviceCode, {
    last: now,
    interval: poll?.interval ?? world.settings.deviceIntervalSeconds,
  });
  return undefined;
}

/** Checks made before oidc-provider sees a token request, where its own answer would differ from the provider's. */
export function checkGrant(
  server: FakeOAuthServer,
  grantType: string,
  form: URLSearchParams,
  clientId: string,
): GrantProblem | undefined {
  // A missing parameter is left to oidc-provider, which answers invalid_request.
  const value = (name: string) => form.get(name);
  const refreshToken = value("refresh_token");
  const code = value("code");
  const deviceCode = value("device_code");
  if (grantType === "refresh_token" && refreshToken) return checkRefreshToken(server, refreshToken, clientId);
  if (grantType === "authorization_code" && code) return checkAuthorizationCode(server, code, clientId);
  if (grantType === DEVICE_CODE_GRANT && deviceCode) return checkDevicePoll(server, deviceCode, clientId);
  return undefined;
}
