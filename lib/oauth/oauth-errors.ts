/**
 * What a token endpoint's error means for the portal (providers.md, "Errors
 * worth classifying"). Decided on `error` and Microsoft's numeric `error_codes`,
 * never on description text, which providers reword and translate.
 */
export type TokenErrorKind =
  /** The grant is dead: the connection needs reconnecting (mail held, owner notified). */
  | "invalid_grant"
  /** The tenant's client configuration is wrong: flag it; connections are not revoked. */
  | "invalid_client"
  /** The person or an administrator has to grant consent (admin-consent fix). */
  | "consent_required"
  /** The code was already exchanged (double callback): keep the tokens already stored. */
  | "code_redeemed"
  /** Try again later with backoff; never changes a connection's state. */
  | "transient"
  | "unknown";

export type TokenErrorClassification = {
  kind: TokenErrorKind;
  /** The OAuth `error` value, when there was one (e.g. for logs and the device flow). */
  error: string | null;
  /** Microsoft AADSTS numbers. */
  codes: number[];
};

export type TokenErrorResponse = {
  /** HTTP status of the response, when there was a response. */
  status?: number;
  /** Parsed JSON or the raw text of the body. */
  body?: unknown;
  /** What was being exchanged: a failed code exchange never means the stored grant died. */
  grant?: "authorization_code" | "refresh_token" | "device_code";
  /** No usable response at all (timeout, connection failure). */
  transportFailure?: boolean;
};

const CODE_KINDS: [TokenErrorKind, number[]][] = [
  ["code_redeemed", [54005]],
  ["consent_required", [65001, 90094]],
  ["invalid_client", [7000215, 7000222, 700016, 7000218]],
  ["invalid_grant", [70000, 70008, 700082, 50173]],
];

const ERROR_KINDS: Record<string, TokenErrorKind> = {
  invalid_grant: "invalid_grant",
  // Microsoft asks for an interactive sign-in (MFA, conditional access): only a reconnect helps.
  interaction_required: "invalid_grant",
  invalid_client: "invalid_client",
  unauthorized_client: "invalid_client",
  consent_required: "consent_required",
  temporarily_unavailable: "transient",
  server_error: "transient",
};

function bodyObject(body: unknown): Record<string, unknown> | null {
  if (typeof body === "string") {
    try {
      return bodyObject(JSON.parse(body));
    } catch {
      return null;
    }
  }
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : null;
}

function codesOf(body: Record<string, unknown>): number[] {
  const listed = Array.isArray(body.error_codes)
    ? body.error_codes.map(Number).filter((code) => Number.isInteger(code))
    : [];
  if (listed.length > 0) return listed;
  // Fallback for bodies without error_codes: only the leading "AADSTS<n>:" tag, never the prose.
  const tag =
    typeof body.error_description === "string" ? /^AADSTS(\d+):/.exec(body.error_description) : null;
  return tag ? [Number(tag[1])] : [];
}

export function classifyTokenError(response: TokenErrorResponse): TokenErrorClassification {
  const body = bodyObject(response.body);
  const error = typeof body?.error === "string" ? body.error : null;
  const codes = body ? codesOf(body) : [];
  const result = (kind: TokenErrorKind) => ({ kind, error, codes });

  if (response.transportFailure) return result("transient");
  const status = response.status ?? 0;
  if (status >= 500 || status === 429) return result("transient");

  const byCode = CODE_KINDS.find(([, list]) => codes.some((code) => list.includes(code)))?.[0];
  let kind = byCode ?? (error ? ERROR_KINDS[error] : undefined) ?? "unknown";
  // Google says only invalid_grant for a used or expired code: the stored grant is not at fault.
  if (kind === "invalid_grant" && response.grant === "authorization_code") kind = "code_redeemed";
  return result(kind);
}
