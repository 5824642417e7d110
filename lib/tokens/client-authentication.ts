import type { ClientCredentials } from "@/lib/clients/resolve-client-credentials";

/** RFC 6749 §2.3 / RFC 7591 names of how a client proves itself to the provider. */
export type ClientAuthMethod = "client_secret_post" | "none";

/**
 * How Relais authenticates a configuration's client, in one place for every
 * endpoint that asks (token, revocation): `client_secret_post` when the
 * configuration has a secret, else (a public client, PKCE) the client id
 * alone. The fields go in the form body; never in a log or an error.
 */
export function clientAuthentication(credentials: Pick<ClientCredentials, "clientId" | "clientSecret">): {
  method: ClientAuthMethod;
  fields: Record<string, string>;
} {
  if (credentials.clientSecret === null) {
    return { method: "none", fields: { client_id: credentials.clientId } };
  }
  return {
    method: "client_secret_post",
    fields: { client_id: credentials.clientId, client_secret: credentials.clientSecret },
  };
}
