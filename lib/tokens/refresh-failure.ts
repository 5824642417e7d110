import type { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import { classifyTokenError } from "@/lib/oauth/oauth-errors";

/** What a failed refresh does to the connection (providers.md, "Errors worth classifying"). */
export type RefreshFailure = {
  effect: "needs_reconnect" | "config_error" | "transient";
  /** Short machine code kept in lastErrorCode / brokenReason and explained by explainConnectionError. */
  code: string;
  /**
   * An answer outside the known classes: retried like a transient one, but only for
   * UNKNOWN_REFRESH_ERROR_DAYS (lib/tokens/unknown-refresh-errors.ts).
   */
  unrecognised?: boolean;
};

// Only values that look like codes are kept: a server may echo anything in `error`.
const CODE_SHAPE = /^[A-Za-z0-9_.:-]{1,64}$/;

// Refusals that will repeat until the configuration changes: the address is not one we may call.
const CONFIGURATION_REFUSALS = new Set(["invalid_url", "not_https", "numeric_host", "blocked_address"]);

export function refusalFailure(refusal: OutboundRefusedError): RefreshFailure {
  if (CONFIGURATION_REFUSALS.has(refusal.reason)) return { effect: "config_error", code: "endpoint_refused" };
  return { effect: "transient", code: refusal.reason };
}

/** A token endpoint's answer that is not a token response. */
export function responseFailure(status: number, body: unknown): RefreshFailure {
  const { kind, error, codes } = classifyTokenError({ status, body, grant: "refresh_token" });
  const code =
    codes.length > 0 ? `AADSTS${codes[0]}` : error && CODE_SHAPE.test(error) ? error : `http_${status}`;
  switch (kind) {
    case "invalid_grant":
    case "consent_required":
      return { effect: "needs_reconnect", code };
    case "invalid_client":
      return { effect: "config_error", code };
    case "transient":
      return { effect: "transient", code: status === 429 ? "rate_limited" : code };
    default:
      // Anything else (a 200 without a token, invalid_request…) is not proof the grant died: retried,
      // but not for ever (afterUnknownErrorDays).
      return { effect: "transient", code: status === 200 ? "invalid_response" : code, unrecognised: true };
  }
}
