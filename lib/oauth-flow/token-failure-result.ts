import { outcomeOfRefusal, outcomeOfTokenResponse } from "@/lib/clients/client-test-outcome";
import type { MessageKey } from "@/lib/i18n/catalog";
import { classifyTokenError, type TokenErrorClassification } from "@/lib/oauth/oauth-errors";
import type { FlowResult } from "./flow-result";
import type { TokenCall } from "@/lib/tokens/token-request";

type Failure = Exclude<TokenCall, { ok: true }>;

// Only a code-like `error` is repeated: anything else may be text the server echoed back.
const codeLike = (value: string | null) => (value && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : null);

/** `invalid_client (AADSTS7000215)`: what a person can quote to their administrator. */
export function providerCode(classification: Pick<TokenErrorClassification, "error" | "codes">): string {
  const error = codeLike(classification.error) ?? "unknown_error";
  return classification.codes.length ? `${error} (AADSTS${classification.codes[0]})` : error;
}

/** A plain explanation of why the provider refused the client, from the configuration test's wording. */
function reasonKeyOf(status: number, body: unknown): MessageKey {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const outcome = outcomeOfTokenResponse({ status, headers: {}, body: text }).outcome;
  return `clients.test.outcomes.${outcome}`;
}

export type TokenFailure = { result: FlowResult; kind: TokenErrorClassification["kind"] | "unreachable" };

/** How a failed token request ends the flow; nothing is stored whatever it says. */
export function tokenFailureResult(
  failure: Failure,
  grant: "authorization_code" | "device_code",
): TokenFailure {
  if ("refusal" in failure) {
    const reasonKey: MessageKey = `clients.test.outcomes.${outcomeOfRefusal(failure.refusal).outcome}`;
    return { kind: "unreachable", result: { outcome: "provider_unavailable", reasonKey } };
  }
  const classification = classifyTokenError({ status: failure.status, body: failure.body, grant });
  const code = providerCode(classification);
  switch (classification.kind) {
    case "invalid_client":
      return {
        kind: "invalid_client",
        result: { outcome: "config_refused", code, reasonKey: reasonKeyOf(failure.status, failure.body) },
      };
    case "consent_required":
      return { kind: "consent_required", result: { outcome: "consent_required", code } };
    case "transient":
      return { kind: "transient", result: { outcome: "provider_unavailable", code } };
    case "code_redeemed":
      return { kind: "code_redeemed", result: { outcome: "code_refused", code } };
    default:
      return { kind: classification.kind, result: { outcome: "provider_error", code } };
  }
}
