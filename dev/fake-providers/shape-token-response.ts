import { pairKey, type FakeOAuthServer } from "./fake-world";
import { GOOGLE_SCOPE_ALIASES, MICROSOFT_UNREPORTED_SCOPES } from "./scope-catalogue";

const DAY = 24 * 3600;
const GOOGLE_IDLE_LIFETIME = 183 * DAY;
const GOOGLE_TOKENS_PER_PAIR = 100;

function rewriteScope(scope: unknown, rewrite: (scopes: string[]) => string[]): unknown {
  return typeof scope === "string" ? rewrite(scope.split(" ").filter(Boolean)).join(" ") : scope;
}

function trackGoogleRefreshToken(server: FakeOAuthServer, token: string): void {
  const payload = server.store.find("RefreshToken", token);
  if (!payload) return;
  const key = pairKey(payload.accountId, payload.clientId);
  const tokens = server.refreshTokensByPair.get(key) ?? [];
  tokens.push(token);
  // More than 100 refresh tokens for one account and client: Google drops the oldest, silently.
  while (tokens.length > GOOGLE_TOKENS_PER_PAIR) {
    const oldest = tokens.shift();
    if (oldest) server.store.destroy("RefreshToken", oldest, "revoked");
  }
  server.refreshTokensByPair.set(key, tokens);
}

function shapeGoogle(
  server: FakeOAuthServer,
  grantType: string,
  form: URLSearchParams,
  body: Record<string, unknown>,
) {
  body.scope = rewriteScope(body.scope, (scopes) =>
    scopes.map((scope) => GOOGLE_SCOPE_ALIASES[scope] ?? scope),
  );
  const { googleTestingPublishingStatus: testing } = server.world.settings;
  if (grantType === "refresh_token") {
    // Google does not rotate: the refresh response carries no refresh token.
    delete body.refresh_token;
    const used = server.store.find("RefreshToken", form.get("refresh_token") ?? "");
    // "Unused for six months" is counted from the last use, except for apps in Testing (7 days flat).
    if (used && !testing) used.exp = Math.floor(Date.now() / 1000) + GOOGLE_IDLE_LIFETIME;
    return;
  }
  if (typeof body.refresh_token === "string") {
    trackGoogleRefreshToken(server, body.refresh_token);
    const exp = server.store.find("RefreshToken", body.refresh_token)?.exp;
    if (testing && exp) body.refresh_token_expires_in = exp - Math.floor(Date.now() / 1000);
  }
}

/** Successful token responses, as each provider shapes them. */
export function shapeTokenResponse(
  server: FakeOAuthServer,
  grantType: string,
  form: URLSearchParams,
  body: Record<string, unknown>,
): void {
  if (server.name === "google") {
    shapeGoogle(server, grantType, form, body);
    return;
  }
  body.scope = rewriteScope(body.scope, (scopes) =>
    scopes.filter((scope) => !MICROSOFT_UNREPORTED_SCOPES.has(scope)),
  );
  body.ext_expires_in = body.expires_in;
}
