import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import { safeFetch, type SafeResponse } from "@/lib/net/safe-fetch";
import { apiSendErrorOf } from "@/lib/transports/api-send-error";
import type { PreflightMessage, PreflightStep } from "./preflight-step";

/** A look, not a send: small answers, a short wait. */
const LOOK = { timeoutMs: 20_000, maxBytes: 256 * 1024 };

const msg = (key: PreflightMessage["key"], vars?: Record<string, string>): PreflightMessage =>
  vars ? { key, vars } : { key };

export interface ApiStepInput {
  transport: "graph" | "gmail_api";
  /** The API's base address (apiBaseUrlFor). */
  baseUrl: string;
  accessToken: string;
  /** The mailbox's address: the account itself, or the shared address its delegate sends as. */
  address: string;
  /** The delegate whose grant is used, when the mailbox is a shared address. */
  delegate: string | null;
}

const passed = (result: PreflightMessage): PreflightStep => ({
  step: "api",
  status: "passed",
  result,
  fix: null,
  code: null,
});

const failed = (result: PreflightMessage, fix: PreflightMessage, code: string | null): PreflightStep => ({
  step: "api",
  status: "failed",
  result,
  fix,
  code,
});

function json(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : null);

/** What an API's refusal means, the same way for both APIs; `api` names it in the words. */
function refusal(response: SafeResponse, input: ApiStepInput, api: string): PreflightStep {
  const error = apiSendErrorOf(response.status, response.body, response.headers);
  const code = error.providerCode ? `${response.status} ${error.providerCode}` : String(response.status);
  if (response.status === 401) {
    return failed(
      msg("mailboxes.preflight.api.tokenRefused", { api }),
      msg("mailboxes.preflight.smtp.refusedFix"),
      code,
    );
  }
  if (response.status === 404) {
    return failed(
      msg("mailboxes.preflight.api.notFound", { api, address: input.address }),
      msg("mailboxes.preflight.api.notFoundFix"),
      code,
    );
  }
  if (response.status === 403) {
    return failed(
      msg("mailboxes.preflight.api.denied", { api, address: input.address }),
      // Exchange's Send As for a Graph delegate; a Gmail delegate's grant lacks a scope instead.
      input.delegate && input.transport === "graph"
        ? msg("mailboxes.preflight.api.deniedDelegateFix", {
            delegate: input.delegate,
            address: input.address,
          })
        : msg("connections.fixes.reconnectAllScopes"),
      code,
    );
  }
  if (response.status === 429 || response.status >= 500) {
    return failed(
      msg("mailboxes.preflight.token.transient"),
      msg("mailboxes.preflight.token.transientFix"),
      code,
    );
  }
  return failed(
    msg("mailboxes.preflight.api.unexpected", { api }),
    msg("mailboxes.preflight.token.transientFix"),
    code,
  );
}

/** A 403 that only says the token's permissions do not stretch to reading: the token itself was accepted. */
function onlyCannotRead(response: SafeResponse): boolean {
  if (response.status !== 403) return false;
  const code = apiSendErrorOf(response.status, response.body, response.headers).providerCode;
  return code === "Authorization_RequestDenied" || code === "insufficientPermissions";
}

/**
 * Graph: `GET /v1.0/me` (or `/users/{shared}` with a delegate's token). The
 * answer says the token is one Graph accepts, and, when the grant may read
 * profiles (User.Read, User.ReadBasic.All), which mailbox it reaches. Whether
 * the delegate may Send As the shared mailbox is not something a read can
 * tell: Microsoft answers that at the first mail.
 */
async function graphStep(input: ApiStepInput): Promise<PreflightStep> {
  const path = input.delegate ? `/v1.0/users/${encodeURIComponent(input.address)}` : "/v1.0/me";
  const response = await safeFetch(
    `${input.baseUrl}${path}?$select=mail,userPrincipalName`,
    { headers: { authorization: `Bearer ${input.accessToken}`, accept: "application/json" } },
    LOOK,
  );
  if (onlyCannotRead(response)) {
    return passed(
      msg(
        input.delegate ? "mailboxes.preflight.api.graphSharedUnread" : "mailboxes.preflight.api.graphUnread",
      ),
    );
  }
  if (response.status !== 200) return refusal(response, input, "Microsoft Graph");
  const body = json(response.body);
  const reached = [lower(body.mail), lower(body.userPrincipalName)];
  if (!reached.includes(input.address.toLowerCase())) {
    const account = lower(body.mail) ?? lower(body.userPrincipalName) ?? "?";
    return failed(
      msg("mailboxes.preflight.api.otherAccount", { account, address: input.address }),
      msg("mailboxes.preflight.api.otherAccountFix", { address: input.address }),
      "wrong_account",
    );
  }
  return passed(
    msg(input.delegate ? "mailboxes.preflight.api.graphShared" : "mailboxes.preflight.api.graphPassed", {
      address: input.address,
      delegate: input.delegate ?? "",
    }),
  );
}

/**
 * Gmail API: `GET users/me/profile`, whose `emailAddress` must be the
 * mailbox's; for a delegate, the send-as list (which its grant may read),
 * which must hold the shared address, verified, since Gmail would otherwise
 * silently send from the delegate's own address.
 */
async function gmailStep(input: ApiStepInput): Promise<PreflightStep> {
  const headers = { authorization: `Bearer ${input.accessToken}`, accept: "application/json" };
  if (input.delegate) {
    const response = await safeFetch(`${input.baseUrl}/gmail/v1/users/me/settings/sendAs`, { headers }, LOOK);
    if (response.status !== 200) return refusal(response, input, "Gmail API");
    const list = json(response.body).sendAs;
    const aliases = Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
    const alias = aliases.find((entry) => lower(entry.sendAsEmail) === input.address.toLowerCase());
    if (!alias || !(alias.isPrimary === true || alias.verificationStatus === "accepted")) {
      return failed(
        msg("mailboxes.preflight.api.aliasMissing", { address: input.address, delegate: input.delegate }),
        msg("mailboxes.preflight.api.aliasMissingFix", { address: input.address, delegate: input.delegate }),
        "alias_not_verified",
      );
    }
    return passed(
      msg("mailboxes.preflight.api.gmailAlias", { address: input.address, delegate: input.delegate }),
    );
  }
  const response = await safeFetch(`${input.baseUrl}/gmail/v1/users/me/profile`, { headers }, LOOK);
  if (onlyCannotRead(response)) return passed(msg("mailboxes.preflight.api.gmailUnread"));
  if (response.status !== 200) return refusal(response, input, "Gmail API");
  const account = lower(json(response.body).emailAddress);
  if (account !== input.address.toLowerCase()) {
    return failed(
      msg("mailboxes.preflight.api.otherAccount", { account: account ?? "?", address: input.address }),
      msg("mailboxes.preflight.api.otherAccountFix", { address: input.address }),
      "wrong_account",
    );
  }
  return passed(msg("mailboxes.preflight.api.gmailPassed", { address: input.address }));
}

/**
 * The API transport's light equivalent of the SMTP sign-in: one read with
 * the access token, through the guarded fetch the transports use, that
 * sends nothing.
 */
export async function preflightApiStep(input: ApiStepInput): Promise<PreflightStep> {
  const host = (() => {
    try {
      return new URL(input.baseUrl).host;
    } catch {
      return input.baseUrl;
    }
  })();
  try {
    return input.transport === "graph" ? await graphStep(input) : await gmailStep(input);
  } catch (error) {
    if (!(error instanceof OutboundRefusedError)) throw error;
    return failed(
      msg("mailboxes.preflight.api.unreachable", { host }),
      msg("mailboxes.preflight.api.unreachableFix"),
      error.reason,
    );
  }
}
