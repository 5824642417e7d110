import type { ApiFailure, ThrottleOptions } from "./api-switches";
import { approveDevice, type DeviceDecision } from "./approve-device";
import type { FakeStatsSnapshot } from "./fake-stats";
import { normalizeAddress } from "./mailbox-directory";
import { pairKey, type FakeOAuthServer, type FakeWorld, type RefreshFailureAnswer } from "./fake-world";
import type { FakeClientRegistration, ProviderName, RecordedMessage } from "./types";

export interface FakeProvidersControl {
  registerClient(registration: FakeClientRegistration): void;
  addMailbox(email: string, options: { provider: ProviderName }): void;
  setAcceptAnyAccount(accept: boolean): void;
  /** Microsoft: reusing a rotated refresh token revokes the grant. */
  setStrictRotation(strict: boolean): void;
  /** Google "Testing" publishing status: refresh tokens issued from now on live 7 days. */
  setGoogleTestingPublishingStatus(testing: boolean): void;
  setAccessTokenTtl(seconds: number): void;
  setDeviceInterval(seconds: number): void;
  /** Simulated time: every stored code, token, grant and session ages by `ms`. */
  advanceClock(ms: number): void;
  /**
   * Refreshes of this address's tokens get this answer (status and JSON body) until called with
   * null, e.g. `{ status: 400, body: { error: "quota_exceeded_x" } }`: an error no table lists.
   */
  failRefreshes(email: string, failure: RefreshFailureAnswer | null): void;
  /** Expires the address's refresh tokens (Google: "Token has been expired or revoked.", Microsoft: AADSTS700082). */
  expireRefreshTokens(email: string): number;
  /** Expires the address's access tokens now (APIs: 401 "expired"; SMTP: refused). Returns how many. */
  expireAccessTokens(email: string): number;
  /** Deletes the address's access tokens; its grants and refresh tokens stay alive (APIs: 401; SMTP: refused). */
  revokeAccessTokens(email: string): number;
  /** The person removed the application (or changed password): every token of the grant dies. */
  revokeGrant(email: string, options?: { clientId?: string }): number;
  /**
   * The person changed or reset their password (Microsoft: also an admin's "Revoke sessions"): the
   * address's refresh and access tokens die (Microsoft AADSTS50173, Google invalid_grant) while its
   * consent stays, so that connecting again asks for no new consent. Returns how many tokens died.
   */
  changePassword(email: string): number;
  /** Microsoft AADSTS7000222 from now on (both providers refuse the secret). */
  setClientSecretExpired(clientId: string, expired?: boolean): void;
  /**
   * Microsoft consent missing at the token endpoint from now on: AADSTS65001 (default), or
   * AADSTS90094 when an administrator's policy keeps the grant to administrators.
   */
  setConsentRequired(clientId: string, required?: boolean, code?: 65001 | 90094): void;
  /** Completes (or refuses) a device authorization as if the person used the verification page. */
  approveDevice(userCode: string, email: string, decision?: DeviceDecision): Promise<void>;
  /** Microsoft 535 5.7.139 for this address (level: which setting is off). */
  disableSmtpAuth(email: string, disabled?: boolean, level?: "Mailbox" | "Tenant"): void;
  setQuotaExceeded(email: string, wording: ProviderName | null): void;
  /** The next message from this address gets this reply instead of being accepted, e.g. "451 4.3.0 Temporary failure". */
  failNext(email: string, reply: string): void;
  /**
   * Refuses this recipient at `RCPT TO` for every sender (null: accepts it again); the message's
   * other recipients are kept. Default reply: "550 5.1.1 … does not exist" (Google's words).
   */
  refuseRecipient(address: string, reply?: string | null): void;
  /** Answers each message of this mailbox only after `ms` (0: at once again). */
  setAnswerDelay(email: string, ms: number): void;
  /**
   * `delegate` may send as `shared`: Microsoft "Send As" (SMTP `MAIL FROM`/`From:`, Graph
   * `/users/{shared}/sendMail` or a `From:`), Google a verified send-as alias (kept in `From:`).
   */
  grantSendAs(delegate: string, shared: string): void;
  revokeSendAs(delegate: string, shared: string): void;
  /** The next Graph or Gmail API request for this mailbox gets 429 or 503 with `Retry-After`. */
  throttleNext(email: string, options: ThrottleOptions): void;
  /** The next API request for this mailbox gets the provider's sending-quota answer. */
  quotaNext(email: string): void;
  /** The next API request for this mailbox gets this status, JSON body and headers. */
  failNextApi(email: string, failure: ApiFailure): void;
  /** Every API request (or this mailbox's) takes `ms` before it is answered; 0: at once again. */
  setApiDelay(ms: number, email?: string): void;
  /** The most API requests for this mailbox seen in flight at once (refused ones included). */
  peakApiConcurrency(email: string): number;
  resetApiConcurrency(): void;
  messages(): RecordedMessage[];
  clearMessages(): void;
  stats(): FakeStatsSnapshot;
  resetStats(): void;
}

function serversHolding(world: FakeWorld, servers: FakeOAuthServer[], email: string) {
  return world.mailboxes.findAll(email).flatMap((mailbox) => {
    const server = servers.find((candidate) => candidate.name === mailbox.provider);
    return server ? [{ server, accountId: mailbox.accountId }] : [];
  });
}

function expireTokens(world: FakeWorld, servers: FakeOAuthServer[], email: string, model: string): number {
  let count = 0;
  for (const { server, accountId } of serversHolding(world, servers, email)) {
    for (const { payload } of server.store.all(model)) {
      if (payload.accountId !== accountId) continue;
      payload.exp = Math.floor(Date.now() / 1000) - 1;
      count += 1;
    }
  }
  return count;
}

function revokeAccessTokens(world: FakeWorld, servers: FakeOAuthServer[], email: string): number {
  let count = 0;
  for (const { server, accountId } of serversHolding(world, servers, email)) {
    for (const { id, payload } of server.store.all("AccessToken")) {
      if (payload.accountId !== accountId) continue;
      server.store.destroy("AccessToken", id, "revoked");
      count += 1;
    }
  }
  return count;
}

function revokeTokensOfAccount(world: FakeWorld, servers: FakeOAuthServer[], email: string): number {
  let count = 0;
  for (const { server, accountId } of serversHolding(world, servers, email)) {
    for (const model of ["RefreshToken", "AccessToken"]) {
      for (const { id, payload } of server.store.all(model)) {
        if (payload.accountId !== accountId) continue;
        server.store.destroy(model, id, "revoked");
        count += 1;
      }
    }
  }
  return count;
}

function revokeGrants(
  world: FakeWorld,
  servers: FakeOAuthServer[],
  email: string,
  clientId?: string,
): number {
  let count = 0;
  for (const { server, accountId } of serversHolding(world, servers, email)) {
    for (const { id, payload } of server.store.all("Grant")) {
      if (payload.accountId !== accountId || (clientId && payload.clientId !== clientId)) continue;
      server.store.revokeGrant(id, "revoked");
      server.offlineGranted.delete(pairKey(accountId, payload.clientId));
      count += 1;
    }
  }
  return count;
}

export function createControl(world: FakeWorld, servers: FakeOAuthServer[]): FakeProvidersControl {
  const { settings, clients } = world;
  const clientsNamed = (clientId: string) => {
    const found = servers.flatMap((server) => clients.find(server.name, clientId) ?? []);
    if (!found.length) throw new Error(`no fake client ${clientId}`);
    return found;
  };
  return {
    registerClient: (registration) => void clients.register(registration),
    addMailbox: (email, { provider }) => void world.mailboxes.add(email, provider),
    setAcceptAnyAccount: (accept) => void (settings.acceptAnyAccount = accept),
    setStrictRotation: (strict) => void (settings.strictRotation = strict),
    setGoogleTestingPublishingStatus: (testing) => void (settings.googleTestingPublishingStatus = testing),
    setAccessTokenTtl: (seconds) => void (settings.accessTokenTtlSeconds = seconds),
    setDeviceInterval: (seconds) => void (settings.deviceIntervalSeconds = seconds),
    advanceClock: (ms) => world.clock.advance(ms),
    failRefreshes: (email, failure) => {
      if (failure) world.refreshFailures.set(normalizeAddress(email), failure);
      else world.refreshFailures.delete(normalizeAddress(email));
    },
    expireRefreshTokens: (email) => expireTokens(world, servers, email, "RefreshToken"),
    expireAccessTokens: (email) => expireTokens(world, servers, email, "AccessToken"),
    revokeAccessTokens: (email) => revokeAccessTokens(world, servers, email),
    revokeGrant: (email, options) => revokeGrants(world, servers, email, options?.clientId),
    changePassword: (email) => revokeTokensOfAccount(world, servers, email),
    setClientSecretExpired: (clientId, expired = true) => {
      for (const client of clientsNamed(clientId)) client.secretExpired = expired;
    },
    setConsentRequired: (clientId, required = true, code = 65001) => {
      for (const client of clientsNamed(clientId)) client.consentRequired = required ? code : false;
    },
    approveDevice: async (userCode, email, decision = {}) => {
      for (const server of servers) {
        if (await approveDevice(server, userCode, email, decision)) return;
      }
      throw new Error(`no pending device authorization with user code ${userCode}`);
    },
    disableSmtpAuth: (email, disabled = true, level = "Mailbox") =>
      world.smtp.disableAuth(email, disabled ? level : false),
    setQuotaExceeded: (email, wording) => world.smtp.setQuotaExceeded(email, wording),
    failNext: (email, reply) => world.smtp.failNext(email, reply),
    refuseRecipient: (address, reply) =>
      world.smtp.refuseRecipient(
        address,
        reply === undefined ? "550 5.1.1 The email account that you tried to reach does not exist." : reply,
      ),
    setAnswerDelay: (email, ms) => world.smtp.setAnswerDelay(email, ms),
    grantSendAs: (delegate, shared) => world.sendAs.grant(delegate, shared),
    revokeSendAs: (delegate, shared) => world.sendAs.revoke(delegate, shared),
    throttleNext: (email, options) => world.api.queue(email, { kind: "throttle", ...options }),
    quotaNext: (email) => world.api.queue(email, { kind: "quota" }),
    failNextApi: (email, failure) => world.api.queue(email, { kind: "fail", ...failure }),
    setApiDelay: (ms, email) => world.api.setDelay(ms, email),
    peakApiConcurrency: (email) => world.api.peak(email),
    resetApiConcurrency: () => world.api.resetPeaks(),
    messages: () => [...world.messages],
    clearMessages: () => void world.messages.splice(0),
    stats: () => world.stats.snapshot(),
    resetStats: () => world.stats.reset(),
  };
}
