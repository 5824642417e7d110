import type { Context, Next } from "koa";
import { checkClient } from "./check-client";
import { pairKey, type FakeOAuthServer } from "./fake-world";
import { basicCredentials, peekForm } from "./form-body";
import { answer } from "./token-endpoint";
import type { RevocationAuthMethod } from "./fake-stats";

function authMethodOf(ctx: Context, form: URLSearchParams): RevocationAuthMethod {
  if (basicCredentials(ctx)) return "client_secret_basic";
  if (form.get("client_secret")) return "client_secret_post";
  return form.get("client_id") ? "none" : "missing";
}

/**
 * Google's revocation endpoint, held to RFC 7009: `token=…` (form or query) with
 * `token_type_hint`, from an authenticated client (`client_secret_basic` or
 * `client_secret_post`; a public client sends its id alone). A missing or wrong
 * secret, or an unknown client: 401 invalid_client. A token of another client:
 * 400 invalid_request. Otherwise 200, and revoking either token of a grant
 * revokes the whole grant, access and refresh tokens. Each request is recorded
 * (client, authentication, hint, status) in the statistics.
 */
export function googleRevocation(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path !== server.paths.revocation || !["GET", "POST"].includes(ctx.method)) return next();
    const stats = server.world.stats;
    stats.of(server.name).revocationRequests += 1;
    const form = await peekForm(ctx);
    const authMethod = authMethodOf(ctx, form);
    const hint = form.get("token_type_hint");
    const query = ctx.query.token;
    const token = form.get("token") ?? (typeof query === "string" ? query : "");
    const { clientId, problem } = await checkClient(server, ctx);
    const reply = (status: number, body?: Record<string, unknown>) => {
      stats.recordRevocation({ provider: server.name, clientId, authMethod, tokenTypeHint: hint, status });
      if (body) return answer(ctx, status, body);
      ctx.status = status;
      ctx.set("Cache-Control", "no-store");
      ctx.body = "";
    };
    if (problem) return reply(401, { error: "invalid_client", error_description: "Unauthorized" });
    const { store } = server;
    const payload = store.find("RefreshToken", token) ?? store.find("AccessToken", token);
    if (!payload?.grantId)
      return reply(400, { error: "invalid_token", error_description: "Token expired or revoked" });
    if (payload.clientId !== clientId) {
      return reply(400, {
        error: "invalid_request",
        error_description: "Token was not issued to this client.",
      });
    }
    store.revokeGrant(payload.grantId, "revoked");
    server.offlineGranted.delete(pairKey(payload.accountId, payload.clientId));
    reply(200);
  };
}
