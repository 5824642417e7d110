import type { ClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import { safeFetch } from "@/lib/net/safe-fetch";
import { clientAuthentication } from "@/lib/tokens/client-authentication";

export type RevocationAnswer =
  /** The provider withdrew the grant, or did not know the token any more (already dead). */
  | { kind: "done" }
  /** Unreachable, 5xx, 429: ask again later. */
  | { kind: "retry"; code: string }
  /** Any other refusal: asking again would change nothing. */
  | { kind: "refused"; code: string };

/** RFC 7009 §2.1: which of the grant's tokens is sent. */
export type TokenTypeHint = "refresh_token" | "access_token";

export interface RevocationRequest {
  token: string;
  tokenTypeHint: TokenTypeHint;
  /** The client the token was issued to, authenticated as at the token endpoint; null: none (older records). */
  client: Pick<ClientCredentials, "clientId" | "clientSecret"> | null;
}

const CODE_SHAPE = /^[A-Za-z0-9_.:-]{1,64}$/;

function errorCodeOf(body: string): string | null {
  try {
    const error = (JSON.parse(body) as { error?: unknown }).error;
    return typeof error === "string" && CODE_SHAPE.test(error) ? error : null;
  } catch {
    return null;
  }
}

/**
 * RFC 7009 token revocation: a form POST of `token`, `token_type_hint` and the
 * client's authentication (clientAuthentication: `client_secret_post`, or the
 * client id alone for a public client) to the endpoint the configuration
 * names (Google: 200 on success, and revoking either token withdraws the
 * whole grant). Neither the token, the secret nor the answer is logged.
 */
export async function callRevocationEndpoint(
  endpoint: string,
  request: RevocationRequest,
): Promise<RevocationAnswer> {
  const form = new URLSearchParams({
    token: request.token,
    token_type_hint: request.tokenTypeHint,
    ...(request.client ? clientAuthentication(request.client).fields : {}),
  });
  let status: number;
  let body: string;
  try {
    ({ status, body } = await safeFetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
    }));
  } catch (error) {
    if (!(error instanceof OutboundRefusedError)) throw error;
    const unreachable = ["timeout", "dns_failed", "connect_failed"].includes(error.reason);
    return unreachable ? { kind: "retry", code: error.reason } : { kind: "refused", code: error.reason };
  }
  if (status >= 200 && status < 300) return { kind: "done" };
  if (status >= 500 || status === 429) return { kind: "retry", code: `http_${status}` };
  const code = errorCodeOf(body);
  // RFC 7009 §2.2: an invalid token is no error for revocation; Google answers 400 invalid_token.
  if (code === "invalid_token") return { kind: "done" };
  return { kind: "refused", code: code ?? `http_${status}` };
}
