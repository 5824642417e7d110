import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { FormBrowser, authorizeThroughPages, pkcePair, postForm } from "./form-browser";

export interface ConnectRequest {
  provider: "google" | "microsoft";
  email: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scope: string;
  /** Extra authorization parameters (access_type, prompt, login_hint…). */
  extra?: Record<string, string>;
  /** Microsoft directory; default organizations. */
  directory?: string;
  untick?: string[];
}

/** Runs the whole authorization code flow with PKCE through the fake's pages and redeems the code. */
export async function connectMailbox(fakes: FakeProvidersHandle, request: ConnectRequest) {
  const endpoints =
    request.provider === "google"
      ? fakes.google
      : fakes.microsoft.directory(request.directory ?? "organizations");
  const { verifier, challenge } = pkcePair();
  const url = new URL(endpoints.authorizationEndpoint);
  const params = {
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: "code",
    scope: request.scope,
    state: "s",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...request.extra,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const redirect = await authorizeThroughPages(new FormBrowser(), url.href, request.redirectUri, {
    email: request.email,
    untick: request.untick,
  });
  const code = redirect.searchParams.get("code") ?? "";
  const token = await postForm(endpoints.tokenEndpoint, {
    grant_type: "authorization_code",
    code,
    redirect_uri: request.redirectUri,
    code_verifier: verifier,
    client_id: request.clientId,
    ...(request.clientSecret ? { client_secret: request.clientSecret } : {}),
  });
  if (token.status !== 200) throw new Error(`code redemption failed: ${JSON.stringify(token.body)}`);
  return { redirect, code, verifier, tokens: token.body };
}

export function refresh(
  tokenEndpoint: string,
  refreshToken: unknown,
  client: { clientId: string; clientSecret?: string },
) {
  return postForm(tokenEndpoint, {
    grant_type: "refresh_token",
    refresh_token: String(refreshToken),
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
  });
}
