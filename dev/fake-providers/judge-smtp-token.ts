import type { AccessToken } from "oidc-provider";
import type { FakeOAuthServer, FakeWorld } from "./fake-world";
import { normalizeAddress } from "./mailbox-directory";
import { SMTP_SCOPE, type ProviderName } from "./types";

export type SmtpVerdict =
  | { accepted: true; email: string; provider: ProviderName }
  | { accepted: false; provider: ProviderName; disabled?: "Mailbox" | "Tenant" };

/**
 * Decides an AUTH XOAUTH2 attempt: the bearer must be a live access token issued by one of the
 * fake providers for exactly this address, with that provider's SMTP scope. Which provider's
 * wording a refusal takes follows the token's issuer, else the mailbox's provider.
 */
export async function judgeSmtpToken(
  world: FakeWorld,
  servers: FakeOAuthServer[],
  username: string,
  accessToken: string,
): Promise<SmtpVerdict> {
  const email = normalizeAddress(username);
  let issuer: FakeOAuthServer | undefined;
  let live: AccessToken | undefined;
  for (const server of servers) {
    live = await server.provider.AccessToken.find<AccessToken>(accessToken);
    if (live || server.store.find("AccessToken", accessToken)) {
      issuer = server;
      break;
    }
  }
  const provider = issuer?.name ?? world.mailboxes.findAll(email)[0]?.provider ?? "google";
  const disabled = world.smtp.of(email).authDisabled;
  if (provider === "microsoft" && disabled) return { accepted: false, provider, disabled };
  if (!live?.accountId) return { accepted: false, provider };
  const owner = world.mailboxes.byAccount(live.accountId);
  if (owner?.email !== email || owner.provider !== provider) return { accepted: false, provider };
  if (!live.scopes.has(SMTP_SCOPE[provider])) return { accepted: false, provider };
  return { accepted: true, email, provider };
}
