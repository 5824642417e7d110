import type { Context, Next } from "koa";
import { checkClient } from "./check-client";
import { classifyProviderError, type ProviderErrorBody } from "./classify-provider-error";
import type { FakeOAuthServer } from "./fake-world";
import { peekForm } from "./form-body";
import { GOOGLE_DEVICE_FLOW_SCOPES, unknownScopes } from "./scope-catalogue";
import { answer, type FakeRequestState } from "./token-endpoint";
import type { TokenErrorContext, TokenErrorKind } from "./token-error";

function refusedScope(server: FakeOAuthServer, scope: string | null): string | undefined {
  const unknown = unknownScopes(server.name, scope);
  if (unknown.length) return unknown.join(" ");
  if (server.name !== "google") return undefined;
  // Google's device flow only allows sign-in scopes (and a few APIs): mail scopes are refused.
  const refused = (scope ?? "").split(" ").filter((item) => item && !GOOGLE_DEVICE_FLOW_SCOPES.has(item));
  return refused.length ? refused.join(" ") : undefined;
}

function deviceResponse(server: FakeOAuthServer, body: Record<string, unknown>): Record<string, unknown> {
  const interval = server.world.settings.deviceIntervalSeconds;
  const common = {
    device_code: body.device_code,
    user_code: body.user_code,
    expires_in: body.expires_in,
    interval,
  };
  if (server.name === "google") return { ...common, verification_url: body.verification_uri };
  return {
    ...common,
    verification_uri: body.verification_uri,
    message: `To sign in, use a web browser to open the page ${String(body.verification_uri)} and enter the code ${String(body.user_code)} to authenticate.`,
  };
}

/** RFC 8628 device authorization, with Google's field names and scope restrictions. */
export function deviceAuthorizationEndpoint(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== "POST" || ctx.path !== server.paths.deviceAuthorization) return next();
    const state = ctx.state as FakeRequestState;
    server.world.stats.of(server.name).deviceAuthorizationRequests += 1;
    const form = await peekForm(ctx);
    const scope = form.get("scope");
    const { clientId, client, problem } = await checkClient(server, ctx, true);
    const context: TokenErrorContext = {
      clientId,
      clientName: client?.name,
      directory: state.directory,
      scope: scope ?? "",
    };
    const fail = (kind: TokenErrorKind, extra?: TokenErrorContext) => {
      const { status, body } = server.formatError(kind, { ...context, ...extra });
      answer(ctx, status, body);
    };
    if (problem) return fail(problem);
    if (!scope && server.name === "microsoft") {
      return fail("invalid_request", {
        detail: "The request body must contain the following parameter: 'scope'.",
      });
    }
    const refused = refusedScope(server, scope);
    if (refused)
      return fail("invalid_scope", { scope: refused, detail: `Invalid device flow scope: ${refused}` });

    await next();

    const body = (ctx.body ?? {}) as Record<string, unknown>;
    if (ctx.status >= 500) return;
    if (ctx.status >= 400) {
      const { kind, detail } = classifyProviderError(
        body as ProviderErrorBody,
        state.providerError?.error_detail,
        "",
      );
      return fail(kind, { detail });
    }
    const offline = (scope ?? "").split(" ").includes("offline_access");
    server.sourceFlags.set(String(body.device_code), { offline, forceConsent: false });
    ctx.body = deviceResponse(server, body);
  };
}
