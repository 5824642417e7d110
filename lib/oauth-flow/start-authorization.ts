import { randomBytes, randomUUID } from "node:crypto";
import { hashLinkToken } from "@/lib/auth/tokens";
import { resolveClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { mergeAuthorizationParams } from "@/lib/oauth/endpoint-url";
import { oauthRedirectUri } from "@/lib/oauth/redirect-uri";
import { expectedIssuerFor } from "./expected-issuer";
import { findConnectableMailbox } from "./find-connectable-mailbox";
import type { FlowActor } from "./flow-actor";
import { browserBindingFor, hashBrowserBinding } from "./browser-binding";
import { isBrowserUrl } from "./browser-url";
import { FlowRefusal } from "./flow-refusal";
import { newPkcePair } from "./pkce";
import { codeVerifierAad } from "@/lib/tokens/token-aad";

export const AUTHORIZATION_LIFETIME_MS = 10 * 60 * 1000;

export type StartedAuthorization = {
  /** Where the browser goes next (303). */
  authorizationUrl: string;
  /** The value of the browser-binding cookie to set (the browser's own when it had one). */
  browserBinding: string;
};

/**
 * Begins an authorization code flow for one mailbox: a single-use `state`
 * (only its hash stored), bound to the tenant, configuration, mailbox, person
 * or connect link, and browser; a PKCE verifier (encrypted) when the
 * configuration uses PKCE; the issuer the answer must come from.
 */
export async function startAuthorization(
  actor: FlowActor,
  mailboxId: string,
  options: { browserBinding?: string | null; returnTo?: string; now?: Date } = {},
): Promise<StartedAuthorization> {
  const mailbox = await findConnectableMailbox(actor, mailboxId);
  const config = mailbox.clientConfiguration;
  const credentials = resolveClientCredentials(config);
  if (!isBrowserUrl(credentials.authorizationEndpoint)) {
    throw new FlowRefusal({ outcome: "config_unusable", reasonKey: "clients.validation.urlNotHttps" });
  }
  const id = randomUUID();
  const state = randomBytes(32).toString("base64url");
  const pkce = config.pkce ? newPkcePair() : null;
  const browserBinding = browserBindingFor(options.browserBinding);
  const now = options.now ?? new Date();
  const db = await getDb();
  await db.oAuthAuthorization.create({
    data: {
      id,
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      clientConfigurationId: config.id,
      stateHash: hashLinkToken(state),
      browserBindingHash: hashBrowserBinding(browserBinding),
      userId: actor.kind === "person" ? actor.ctx.userId : null,
      connectLinkId: actor.kind === "link" ? actor.link.id : null,
      codeVerifierCipher: pkce ? encryptSecret(pkce.verifier, codeVerifierAad(id)) : null,
      expectedIssuer: expectedIssuerFor(credentials.authorizationEndpoint),
      returnTo: options.returnTo ?? "",
      expiresAt: new Date(now.getTime() + AUTHORIZATION_LIFETIME_MS),
    },
  });
  const authorizationUrl = mergeAuthorizationParams(credentials.authorizationEndpoint, {
    client_id: credentials.clientId,
    redirect_uri: oauthRedirectUri(),
    response_type: "code",
    scope: config.scopes.join(" "),
    state,
    code_challenge: pkce?.challenge,
    code_challenge_method: pkce ? "S256" : undefined,
    login_hint: mailbox.delegateAccount ?? mailbox.address,
  });
  return { authorizationUrl, browserBinding };
}
