import type { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import type { SafeResponse } from "@/lib/net/safe-fetch";
import { classifyTokenError } from "@/lib/oauth/oauth-errors";

/** Short codes stored in `lastTestOutcome`; each has a message under `clients.test.outcomes`. */
export const clientTestOutcomes = [
  "ok",
  "secret_invalid",
  "secret_expired",
  "secret_required",
  "app_not_found",
  "invalid_client",
  "unauthorized_client",
  "redirect_uri_mismatch",
  "consent_required",
  "unexpected_success",
  "not_json",
  "server_error",
  "unexpected_response",
  "refused_invalid_url",
  "refused_not_https",
  "refused_numeric_host",
  "refused_blocked_address",
  "redirect_refused",
  "too_large",
  "timeout",
  "dns_failed",
  "connect_failed",
  "platform_unavailable",
  "secret_unreadable",
] as const;
export type ClientTestOutcome = (typeof clientTestOutcomes)[number];

export function isClientTestOutcome(value: unknown): value is ClientTestOutcome {
  return clientTestOutcomes.includes(value as ClientTestOutcome);
}

export interface ClientTestResult {
  outcome: ClientTestOutcome;
  success: boolean;
  /** HTTP status of the answer, when there was one. */
  status: number | null;
  /** The provider's OAuth `error` code (never its description, which may echo what was sent). */
  providerError: string | null;
  /** Microsoft's AADSTS number, when it gave one. */
  aadsts: number | null;
}

// Microsoft's numbers that say precisely what is wrong with the client.
const BY_CODE: Record<number, ClientTestOutcome> = {
  7000215: "secret_invalid",
  7000222: "secret_expired",
  7000218: "secret_required",
  700016: "app_not_found",
  50011: "redirect_uri_mismatch",
};

const REFUSALS: Record<OutboundRefusedError["reason"], ClientTestOutcome> = {
  invalid_url: "refused_invalid_url",
  not_https: "refused_not_https",
  numeric_host: "refused_numeric_host",
  blocked_address: "refused_blocked_address",
  redirect_refused: "redirect_refused",
  too_large: "too_large",
  timeout: "timeout",
  dns_failed: "dns_failed",
  connect_failed: "connect_failed",
};

const result = (outcome: ClientTestOutcome, rest: Partial<ClientTestResult> = {}): ClientTestResult => ({
  outcome,
  success: outcome === "ok",
  status: null,
  providerError: null,
  aadsts: null,
  ...rest,
});

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * What the token endpoint's answer to a made-up authorization code says about
 * the configuration. A real server checks the client before the code, so
 * `invalid_grant` means the endpoint and the client credentials are right.
 */
export function outcomeOfTokenResponse(response: SafeResponse): ClientTestResult {
  const status = response.status;
  const body = parseJson(response.body);
  if (!body) return result(status >= 500 || status === 429 ? "server_error" : "not_json", { status });
  const { kind, error, codes } = classifyTokenError({ status, body });
  const details = {
    status,
    // Only a code-like value is repeated: anything else could be text the server echoed back.
    providerError: error && /^[A-Za-z0-9_.:-]{1,64}$/.test(error) ? error : null,
    aadsts: codes[0] ?? null,
  };
  if (status >= 200 && status < 300 && "access_token" in body) return result("unexpected_success", details);
  const byCode = codes.map((code) => BY_CODE[code]).find(Boolean);
  if (byCode) return result(byCode, details);
  if (error === "redirect_uri_mismatch") return result("redirect_uri_mismatch", details);
  switch (kind) {
    case "invalid_grant":
    case "code_redeemed":
      return result("ok", details);
    case "invalid_client":
      return result(error === "unauthorized_client" ? "unauthorized_client" : "invalid_client", details);
    case "consent_required":
      return result("consent_required", details);
    case "transient":
      return result("server_error", details);
    default:
      return result("unexpected_response", details);
  }
}

export function outcomeOfRefusal(error: OutboundRefusedError): ClientTestResult {
  const status = error.reason === "redirect_refused" && error.detail ? Number(error.detail) : null;
  return result(REFUSALS[error.reason], { status: Number.isInteger(status) ? status : null });
}

export function outcomeOf(outcome: ClientTestOutcome): ClientTestResult {
  return result(outcome);
}
