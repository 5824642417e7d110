import type { Context, Next } from "koa";
import { pairKey, type FakeOAuthServer } from "./fake-world";
import { peekForm } from "./form-body";
import { answer } from "./token-endpoint";

/**
 * Google's revocation endpoint: `token=…` (form or query), no client authentication, 200 on
 * success. Revoking either token of a grant revokes the whole grant, access and refresh tokens.
 */
export function googleRevocation(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path !== server.paths.revocation || !["GET", "POST"].includes(ctx.method)) return next();
    server.world.stats.of(server.name).revocationRequests += 1;
    const form = await peekForm(ctx);
    const query = ctx.query.token;
    const token = form.get("token") ?? (typeof query === "string" ? query : "");
    const { store } = server;
    const payload = store.find("RefreshToken", token) ?? store.find("AccessToken", token);
    if (!payload?.grantId) {
      answer(ctx, 400, { error: "invalid_token", error_description: "Token expired or revoked" });
      return;
    }
    store.revokeGrant(payload.grantId, "revoked");
    server.offlineGranted.delete(pairKey(payload.accountId, payload.clientId));
    ctx.status = 200;
    ctx.set("Cache-Control", "no-store");
    ctx.body = "";
  };
}
