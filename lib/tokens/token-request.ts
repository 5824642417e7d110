import type { ClientCredentials } from "@/lib/clients/resolve-client-credentials";
import type { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import { callProvider } from "./call-provider";
import { clientAuthentication } from "./client-authentication";
import { parseTokenResponse, type TokenResponse } from "./token-response";

export type TokenCall =
  | { ok: true; tokens: TokenResponse }
  /** An answer that is not a token response: status and body, for classifyTokenError. */
  | { ok: false; status: number; body: unknown }
  | { ok: false; refusal: OutboundRefusedError };

/**
 * POSTs a grant to the token endpoint, the client authenticated as
 * clientAuthentication says: `client_secret_post` when the configuration has
 * a secret, only the client id for a public client.
 */
export async function requestToken(
  credentials: Pick<ClientCredentials, "clientId" | "clientSecret" | "tokenEndpoint">,
  grant: Record<string, string>,
): Promise<TokenCall> {
  const form = new URLSearchParams({ ...grant, ...clientAuthentication(credentials).fields });
  const answer = await callProvider(credentials.tokenEndpoint, form);
  if ("refusal" in answer) return { ok: false, refusal: answer.refusal };
  const tokens = answer.status === 200 ? parseTokenResponse(answer.body) : null;
  return tokens ? { ok: true, tokens } : { ok: false, status: answer.status, body: answer.body };
}
