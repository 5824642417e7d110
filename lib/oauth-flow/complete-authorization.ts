import { timingSafeEqual } from "node:crypto";
import { hashLinkToken } from "@/lib/auth/tokens";
import type { Actor } from "@/lib/auth/tenant-context";
import { resolveClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { currentRequestId } from "@/lib/log/request-log";
import { oauthRedirectUri } from "@/lib/oauth/redirect-uri";
import { hashBrowserBinding } from "./browser-binding";
import { issuerMatches } from "./expected-issuer";
import { findConnectableMailbox } from "./find-connectable-mailbox";
import { finishConnection } from "./finish-connection";
import type { FlowActor } from "./flow-actor";
import { FlowRefusal } from "./flow-refusal";
import type { FlowResult } from "./flow-result";
import { flowResultOfError } from "./flow-result-of-error";
import { providerErrorResult } from "./provider-error-result";
import { recordConnectFailure } from "./record-connect-failure";
import { reloadFlowActor } from "./reload-flow-actor";
import { retryPathFor } from "./retry-path";
import { codeVerifierAad } from "@/lib/tokens/token-aad";
import { tokenFailureResult } from "./token-failure-result";
import { requestToken } from "@/lib/tokens/token-request";

export type CallbackInput = {
  /** The callback's query: state, code, iss, error… */
  params: URLSearchParams;
  /** The browser-binding cookie, as the browser sent it. */
  browserBinding: string | null | undefined;
  /** The signed-in person, if any (connect links have none). */
  user: Actor | null;
  ip?: string | null;
  now?: Date;
};

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function loadAuthorization(state: string) {
  const db = await getDb();
  // The state is the capability: it alone finds the row, which then names its tenant.
  return db.oAuthAuthorization.findUnique({
    where: { stateHash: hashLinkToken(state) },
    include: {
      mailbox: {
        select: { address: true, state: true, connectedAt: true, tenant: { select: { slug: true } } },
      },
    },
  });
}
type AuthorizationRow = NonNullable<Awaited<ReturnType<typeof loadAuthorization>>>;

/** Checks that come before the state is spent; a failure here leaves it for its rightful browser. */
function refusalBeforeUse(row: AuthorizationRow, input: CallbackInput, now: Date): FlowResult | null {
  const mailbox = row.mailbox.address;
  const binding = input.browserBinding;
  if (!binding || !sameHash(hashBrowserBinding(binding), row.browserBindingHash)) {
    return { outcome: "other_browser", mailbox };
  }
  if (row.userId && !input.user) return { outcome: "session_ended", mailbox };
  if (row.userId && input.user?.userId !== row.userId) return { outcome: "other_person" };
  if (row.usedAt) {
    const { connectedAt, state } = row.mailbox;
    const completedByIt =
      connectedAt !== null &&
      connectedAt >= row.usedAt &&
      (state === "connected" || state === "insufficient_scope");
    return { outcome: completedByIt ? "already_completed" : "state_used", mailbox };
  }
  if (row.expiresAt <= now) return { outcome: "state_expired", mailbox };
  return null;
}

/** Spends the state: only one request ever gets past this point for a given state. */
async function claim(row: AuthorizationRow, now: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.oAuthAuthorization.updateMany({
    where: { id: row.id, tenantId: row.tenantId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

async function redeem(row: AuthorizationRow, actor: FlowActor, code: string, now: Date): Promise<FlowResult> {
  const mailbox = await findConnectableMailbox(actor, row.mailboxId);
  if (mailbox.clientConfiguration.id !== row.clientConfigurationId) {
    throw new FlowRefusal({ outcome: "mailbox_changed", reasonKey: "connect.result.configChanged" });
  }
  const credentials = resolveClientCredentials(mailbox.clientConfiguration);
  const verifier = row.codeVerifierCipher
    ? decryptSecret(row.codeVerifierCipher, codeVerifierAad(row.id))
    : null;
  const call = await requestToken(credentials, {
    grant_type: "authorization_code",
    code,
    redirect_uri: oauthRedirectUri(),
    ...(verifier ? { code_verifier: verifier } : {}),
  });
  if (!call.ok) {
    const { kind, result } = tokenFailureResult(call, "authorization_code");
    const failed = { ...result, mailbox: mailbox.address };
    if (kind === "invalid_client" || kind === "consent_required") {
      await recordConnectFailure(actor, mailbox, failed, kind, now);
    }
    // A code redeemed twice: the first redemption's tokens stay as they are.
    if (kind === "code_redeemed" && mailbox.state === "connected") {
      return { outcome: "already_completed", mailbox: mailbox.address };
    }
    return failed;
  }
  return finishConnection({
    actor,
    mailbox,
    credentials,
    tokens: call.tokens,
    expectedIssuer: row.expectedIssuer,
    flow: "authorization_code",
    now,
  });
}

/**
 * The callback: refuses, storing nothing, a missing, unknown, reused or
 * expired state, another browser or person, an `iss` from another issuer and
 * a provider error; otherwise redeems the code (with the PKCE verifier) and
 * connects the mailbox. Always answers what the result page should say.
 */
export async function completeAuthorization(input: CallbackInput): Promise<FlowResult> {
  const now = input.now ?? new Date();
  const { params } = input;
  const state = params.get("state");
  if (!state) return { outcome: "state_missing" };
  let row: AuthorizationRow | null = null;
  try {
    row = await loadAuthorization(state);
    if (!row) return { outcome: "state_unknown" };
    const early = refusalBeforeUse(row, input, now);
    if (early) return withLinks(early, row);
    if (!(await claim(row, now)))
      return withLinks({ outcome: "state_used", mailbox: row.mailbox.address }, row);
    const iss = params.get("iss");
    if (iss !== null && (!row.expectedIssuer || !issuerMatches(row.expectedIssuer, iss))) {
      return withLinks({ outcome: "issuer_mismatch", mailbox: row.mailbox.address }, row);
    }
    const error = params.get("error");
    if (error !== null) return withLinks(providerErrorResult(error, row.mailbox.address), row);
    const code = params.get("code");
    if (!code)
      return withLinks(
        { outcome: "provider_error", code: "missing_code", mailbox: row.mailbox.address },
        row,
      );
    const actor = await reloadFlowActor(row, input.user, input.ip ?? null);
    return withLinks(await redeem(row, actor, code, now), row);
  } catch (error) {
    const result = flowResultOfError(error, {
      requestId: await currentRequestId(),
      tenantId: row?.tenantId,
      mailboxId: row?.mailboxId,
    });
    return row ? withLinks({ mailbox: row.mailbox.address, ...result }, row) : result;
  }
}

/** "Back" to where the person started; "Try again" for outcomes that a new attempt can fix. */
function withLinks(result: FlowResult, row: AuthorizationRow): FlowResult {
  return {
    ...result,
    back: row.returnTo || undefined,
    retry: retryPathFor(result.outcome, { ...row, tenantSlug: row.mailbox.tenant.slug }) ?? undefined,
    viaLink: row.connectLinkId !== null,
  };
}
