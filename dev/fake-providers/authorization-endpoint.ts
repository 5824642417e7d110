import { randomUUID } from "node:crypto";
import type { Context, Next } from "koa";
import { errorPageHtml } from "./error-page";
import type { FakeOAuthServer } from "./fake-world";
import { GOOGLE_SCOPE_ALIASES, unknownScopes } from "./scope-catalogue";
import type { FakeRequestState } from "./token-endpoint";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function queryValue(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return typeof value === "string" ? value : undefined;
}

function refuse(ctx: Context, server: FakeOAuthServer, error: string, description: string): void {
  ctx.status = 400;
  ctx.type = "html";
  ctx.body = errorPageHtml(server.name, error, description);
}

/** Refusals shown as a page (no redirect), worded like the provider. Returns true when refused. */
function refuseRequest(ctx: Context, server: FakeOAuthServer): boolean {
  const unknown = unknownScopes(server.name, queryValue(ctx, "scope"));
  if (unknown.length) {
    const description =
      server.name === "google"
        ? `Some requested scopes were invalid. {invalid=[${unknown.join(", ")}]}`
        : `AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope '${unknown.join(" ")}' does not exist.`;
    refuse(ctx, server, "invalid_scope", description);
    return true;
  }
  const directory = (ctx.state as FakeRequestState).directory;
  const client = server.world.clients.find(server.name, queryValue(ctx, "client_id") ?? "");
  if (
    client?.tenantId &&
    directory &&
    GUID.test(directory) &&
    directory.toLowerCase() !== client.tenantId.toLowerCase()
  ) {
    refuse(
      ctx,
      server,
      "unauthorized_client",
      `AADSTS700016: Application with identifier '${client.clientId}' was not found in the directory '${directory}'.`,
    );
    return true;
  }
  return false;
}

/** Adds or removes what each provider puts on the redirect back to the application. */
function rewriteClientRedirect(ctx: Context, server: FakeOAuthServer): void {
  const location = ctx.response.get("Location");
  if (!location || !URL.canParse(location) || location.startsWith(server.baseUrl)) return;
  const url = new URL(location);
  if (server.name === "google") {
    const code = url.searchParams.get("code");
    const scope = code ? server.store.find("AuthorizationCode", code)?.scope : undefined;
    if (scope)
      url.searchParams.set(
        "scope",
        scope
          .split(" ")
          .map((item) => GOOGLE_SCOPE_ALIASES[item] ?? item)
          .join(" "),
      );
    if (code) url.searchParams.set("authuser", "0");
  } else {
    // Microsoft does not send RFC 9207 `iss` on the redirect; it sends session_state.
    url.searchParams.delete("iss");
    if (url.searchParams.has("code")) url.searchParams.set("session_state", randomUUID());
    if (url.searchParams.get("error") === "access_denied") url.searchParams.set("error_subcode", "cancel");
  }
  ctx.redirect(url.href);
}

/** The authorization endpoint (and its resume step after the login and consent pages). */
export function authorizationEndpoint(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const path = server.paths.authorization;
    if (ctx.method !== "GET" || (ctx.path !== path && !ctx.path.startsWith(`${path}/`))) return next();
    if (ctx.path === path) {
      server.world.stats.of(server.name).authorizationRequests += 1;
      if (refuseRequest(ctx, server)) return;
      if (server.name === "microsoft") {
        // oidc-provider drops offline_access without prompt=consent; Microsoft does not, so remember it.
        const query = new URLSearchParams(ctx.querystring);
        query.delete("x_fake_offline");
        if ((query.get("scope") ?? "").split(" ").includes("offline_access"))
          query.set("x_fake_offline", "1");
        ctx.querystring = query.toString();
      }
    }
    await next();
    if (ctx.status >= 300 && ctx.status < 400) rewriteClientRedirect(ctx, server);
  };
}
