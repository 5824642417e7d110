import type { ClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { verifyXoauth2 } from "@/lib/smtp/verify-xoauth2";
import type { MailTransport } from "@/lib/transports/mail-transports";
import type { FlowResult } from "./flow-result";
import type { FlowConfiguration } from "./find-connectable-mailbox";
import { readIdToken } from "./id-token-claims";
import type { TokenResponse } from "@/lib/tokens/token-response";

export type IdentityCheck =
  /** `account` null: nothing could tell (no id_token, and no mail scope to try SMTP with). */
  | { ok: true; account: string | null }
  | { ok: false; result: Pick<FlowResult, "outcome" | "account" | "code"> };

/**
 * Proves that the tokens belong to the mailbox being connected, so that a
 * person signed in as another account cannot attach that account's mail to
 * this mailbox. With `openid` asked and an id_token returned, its claims
 * decide; otherwise, for an SMTP mailbox, one SMTP XOAUTH2 authentication as the
 * expected account (the address, or its delegate) does.
 */
export async function verifyIdentity(input: {
  /** The account expected to authorize: the mailbox's address, or its delegate's. */
  address: string;
  /** Only an SMTP mailbox can be checked by signing in over SMTP. */
  transport: MailTransport;
  config: FlowConfiguration;
  credentials: Pick<ClientCredentials, "clientId">;
  tokens: TokenResponse;
  expectedIssuer: string | null;
  mailScopeGranted: boolean;
}): Promise<IdentityCheck> {
  const { address, config, tokens } = input;
  if (config.scopes.includes("openid") && tokens.id_token) {
    const reading = readIdToken(tokens.id_token, {
      clientId: input.credentials.clientId,
      issuer: input.expectedIssuer,
    });
    if (!reading.ok) return { ok: false, result: { outcome: "id_token_invalid", code: reading.problem } };
    if (reading.account && reading.account !== address) {
      return { ok: false, result: { outcome: "wrong_account", account: reading.account } };
    }
    if (reading.account) return { ok: true, account: reading.account };
  }
  if (!input.mailScopeGranted || input.transport !== "smtp") return { ok: true, account: null };
  const check = await verifyXoauth2(
    { host: config.smtpHost, port: config.smtpPort, security: config.smtpSecurity },
    address,
    tokens.access_token,
  );
  if (check.ok) return { ok: true, account: address };
  switch (check.reason) {
    case "auth_refused":
      return { ok: false, result: { outcome: "account_refused", code: check.detail } };
    case "smtp_auth_disabled":
      return { ok: false, result: { outcome: "smtp_auth_disabled", code: check.detail } };
    default:
      return { ok: false, result: { outcome: "identity_unverified", code: check.detail ?? check.reason } };
  }
}
