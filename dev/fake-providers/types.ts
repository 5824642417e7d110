export type ProviderName = "google" | "microsoft";

export const PROVIDER_NAMES: readonly ProviderName[] = ["google", "microsoft"];

/** The scope an access token must carry for SMTP XOAUTH2 at each provider. */
export const SMTP_SCOPE: Record<ProviderName, string> = {
  google: "https://mail.google.com/",
  microsoft: "https://outlook.office.com/SMTP.Send",
};

export interface FakeClientRegistration {
  provider: ProviderName;
  clientId: string;
  /** Absent: a public client (no secret, PKCE required). */
  clientSecret?: string;
  redirectUris: string[];
  /** Shown on the consent page. */
  name?: string;
  /** Microsoft: the directory (tenant id) the application lives in; other GUID directories answer AADSTS700016. */
  tenantId?: string;
}

/** How a message reached the fakes: SMTP (XOAUTH2), Graph `sendMail`, or the Gmail API `messages.send`. */
export type FakeTransportName = "smtp" | "graph" | "gmail_api";

export interface RecordedMessage {
  /**
   * The sender the provider used. SMTP: the envelope sender (`MAIL FROM`); Graph: the `From:`
   * address, else the mailbox in the URL; Gmail API: the `From:` address. After a Google rewrite,
   * the account's own address.
   */
  from: string;
  /** SMTP: the envelope recipients; Graph and Gmail API: every To, Cc and Bcc address of the MIME headers. */
  to: string[];
  /** The message as received (SMTP: as sent on the wire); APIs: without its Bcc header, after a Google rewrite. */
  raw: string;
  /** The account whose token was used (a delegate, when sending as a shared address). */
  auth: string;
  /** Which provider issued the access token used to authenticate. */
  provider: ProviderName;
  receivedAt: Date;
  /** Always set by the fakes (optional only so that records written by hand, as in the demo's tests, stay valid). */
  transport?: FakeTransportName;
  /** Graph and Gmail API: the Bcc addresses (also in `to`), whose header was removed from `raw`. */
  bcc?: string[];
  /** Gmail API: the message id answered, and its thread. */
  apiMessageId?: string;
  threadId?: string;
  /** Google replaced this sender (neither the account nor one of its send-as aliases) with the account's address. */
  rewrittenFrom?: string;
}

export interface FakeProvidersOptions {
  /** Fixed ports (the demo); 0 or absent picks a free port. */
  ports?: { google?: number; microsoft?: number; smtp?: number };
  /** Lifetime of access tokens (`expires_in`). Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Google app in "Testing" publishing status: refresh tokens live 7 days. Default false. */
  googleTestingPublishingStatus?: boolean;
  /** Any address may sign in (and becomes a mailbox of that provider). Default false. */
  acceptAnyAccount?: boolean;
  /** Microsoft: reusing a rotated refresh token revokes the whole grant. Default false. */
  strictRotation?: boolean;
  /** Device flow polling interval announced and enforced (slow_down). Default 5. */
  deviceIntervalSeconds?: number;
  mailboxes?: Array<{ email: string; provider: ProviderName }>;
  clients?: FakeClientRegistration[];
}

export interface FakeSettings {
  accessTokenTtlSeconds: number;
  googleTestingPublishingStatus: boolean;
  acceptAnyAccount: boolean;
  strictRotation: boolean;
  deviceIntervalSeconds: number;
}
