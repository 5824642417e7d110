import type { Context, Next } from "koa";
import { checkClient } from "./check-client";
import { checkGrant } from "./check-grant";
import { classifyProviderError, type ProviderErrorBody } from "./classify-provider-error";
import { DEVICE_CODE_GRANT } from "./client-registry";
import type { FakeOAuthServer } from "./fake-world";
import { peekForm } from "./form-body";
import { shapeTokenResponse } from "./shape-token-response";
import type { TokenErrorContext, TokenErrorKind } from "./token-error";

export interface FakeRequestState {
  directory?: string;
  /** The error oidc-provider raised, with the detail it keeps out of its response. */
  providerError?: { error_detail?: string };
}

const GRANTS_NEEDING_CONSENT = new Set(["authorization_code", "refresh_token", DEVICE_CODE_GRANT]);

export function answer(ctx: Context, status: number, body: Record<string, unknown>): void {
  ctx.status = status;
  ctx.set("Cache-Control", "no-store");
  ctx.body = body;
}

function countRequest(server: FakeOAuthServer, grantType: string, form: URLSearchParams): void {
  const { stats, mailboxes } = server.world;
  stats.countToken(server.name, grantType);
  if (grantType === DEVICE_CODE_GRANT) stats.of(server.name).devicePolls += 1;
  if (grantType !== "refresh_token") return;
  const token = form.get("refresh_token") ?? "";
  const accountId =
    server.store.find("RefreshToken", token)?.accountId ??
    server.store.tombstone("RefreshToken", token)?.accountId;
  stats.countRefresh(server.name, accountId ? mailboxes.byAccount(accountId)?.email : undefined);
}

/**
 * The token endpoint: counts requests, answers the provider-specific refusals itself, hands the
 * rest to oidc-provider, then words its errors and shapes its responses like the real provider.
 */
export function tokenEndpoint(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== "POST" || ctx.path !== server.paths.token) return next();
    const state = ctx.state as FakeRequestState;
    const form = await peekForm(ctx);
    const grantType = form.get("grant_type") ?? "";
    countRequest(server, grantType, form);
    const { clientId, client, problem } = await checkClient(server, ctx);
    const context: TokenErrorContext = {
      clientId,
      clientName: client?.name,
      directory: state.directory,
      grantType,
    };
    const fail = (kind: TokenErrorKind, extra?: TokenErrorContext) => {
      const { status, body } = server.formatError(kind, { ...context, ...extra });
      answer(ctx, status, body);
    };
    if (problem) return fail(problem);
    if (server.name === "microsoft" && client?.consentRequired && GRANTS_NEEDING_CONSENT.has(grantType)) {
      return fail("consent_required");
    }
    const grantProblem = checkGrant(server, grantType, form, clientId);
    if (grantProblem) return fail(grantProblem.kind, grantProblem.context);

    await next();

    const body = (ctx.body ?? {}) as Record<string, unknown>;
    if (ctx.status >= 500) return;
    if (ctx.status >= 400) {
      const { kind, detail } = classifyProviderError(
        body as ProviderErrorBody,
        state.providerError?.error_detail,
        grantType,
      );
      return fail(kind, { detail, scope: form.get("scope") ?? undefined });
    }
    shapeTokenResponse(server, grantType, form, body);
  };
}
