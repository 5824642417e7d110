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

/** The address whose refresh token this is (still alive or not), if the fake knows it. */
function refreshingAddress(server: FakeOAuthServer, form: URLSearchParams): string | undefined {
  const token = form.get("refresh_token") ?? "";
  const accountId =
    server.store.find("RefreshToken", token)?.accountId ??
    server.store.tombstone("RefreshToken", token)?.accountId;
  return accountId ? server.world.mailboxes.byAccount(accountId)?.email : undefined;
}

function countRequest(server: FakeOAuthServer, grantType: string, form: URLSearchParams): void {
  const { stats } = server.world;
  stats.countToken(server.name, grantType);
  if (grantType === DEVICE_CODE_GRANT) stats.of(server.name).devicePolls += 1;
  if (grantType === "refresh_token") stats.countRefresh(server.name, refreshingAddress(server, form));
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
      return fail(client.consentRequired === 90094 ? "admin_consent_required" : "consent_required");
    }
    // A failure played for this mailbox (failRefreshes), e.g. an error no table lists.
    const played =
      grantType === "refresh_token"
        ? server.world.refreshFailures.get(refreshingAddress(server, form) ?? "")
        : undefined;
    if (played) return answer(ctx, played.status, played.body);
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
