import { issuerMatches } from "./expected-issuer";

export type IdTokenReading =
  /** `account` is null when the token names no address to compare (then SMTP decides). */
  | { ok: true; account: string | null }
  | { ok: false; problem: "malformed" | "audience" | "issuer" | "expired" };

const CLOCK_SKEW_SECONDS = 300;

function payloadOf(idToken: string): Record<string, unknown> | null {
  const parts = idToken.split(".");
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as unknown;
    return typeof payload === "object" && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/**
 * Reads the account out of an id_token received directly from the token
 * endpoint over TLS: OpenID Connect Core 3.1.3.7 lets the client skip the
 * signature then, but `aud`, `iss` and `exp` are still checked. The account
 * is `email` (unless the provider says it is unverified), else Microsoft's
 * `preferred_username` or `upn`.
 */
export function readIdToken(
  idToken: string,
  expected: { clientId: string; issuer: string | null },
  now: Date = new Date(),
): IdTokenReading {
  const claims = payloadOf(idToken);
  if (!claims) return { ok: false, problem: "malformed" };
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.clientId)) return { ok: false, problem: "audience" };
  const issuer = text(claims.iss);
  if (
    expected.issuer &&
    (!issuer || !issuerMatches(expected.issuer, issuer, text(claims.tid) ?? undefined))
  ) {
    return { ok: false, problem: "issuer" };
  }
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_SKEW_SECONDS < now.getTime() / 1000) {
    return { ok: false, problem: "expired" };
  }
  const email = claims.email_verified === false ? null : text(claims.email);
  // Microsoft's preferred_username can be a phone number or a bare name: only an address is compared.
  const username = [claims.preferred_username, claims.upn].map(text).find((value) => value?.includes("@"));
  const account = email ?? username ?? null;
  return { ok: true, account: account ? account.toLowerCase() : null };
}
