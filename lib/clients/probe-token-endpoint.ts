import { randomBytes } from "node:crypto";
import type { ClientConfiguration } from "@/lib/db/generated/client";
import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import { safeFetch } from "@/lib/net/safe-fetch";
import { oauthRedirectUri } from "@/lib/oauth/redirect-uri";
import {
  outcomeOf,
  outcomeOfRefusal,
  outcomeOfTokenResponse,
  type ClientTestResult,
} from "./client-test-outcome";
import { resolveClientCredentials, type ClientCredentials } from "./resolve-client-credentials";
import { PlatformUnavailableError, SecretUnreadableError } from "./client-errors";

/**
 * Exchanges a made-up authorization code at the token endpoint, exactly as
 * the callback will exchange a real one (client_secret_post, PKCE verifier),
 * and reads what the refusal says. Neither the request nor the answer's body
 * is logged or returned: the one carries the secret, the other may echo it.
 */
export async function probeTokenEndpoint(config: ClientConfiguration): Promise<ClientTestResult> {
  let credentials: ClientCredentials;
  try {
    credentials = resolveClientCredentials(config);
  } catch (error) {
    if (error instanceof PlatformUnavailableError) {
      return outcomeOf("platform_unavailable");
    }
    if (error instanceof SecretUnreadableError) {
      return outcomeOf("secret_unreadable");
    }
    throw error;
  }
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code: `relais-test-${randomBytes(16).toString("hex")}`,
    redirect_uri: oauthRedirectUri(),
    client_id: credentials.clientId,
  });
  if (credentials.clientSecret !== null) form.set("client_secret", credentials.clientSecret);
  if (config.pkce) form.set("code_verifier", randomBytes(32).toString("base64url"));
  try {
    const response = await safeFetch(credentials.tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
    });
    return outcomeOfTokenResponse(response);
  } catch (error) {
    if (error instanceof OutboundRefusedError) return outcomeOfRefusal(error);
    throw error;
  }
}
