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

export interface RecordedMessage {
  from: string;
  to: string[];
  raw: string;
  /** The mailbox that authenticated the SMTP session. */
  auth: string;
  /** Which provider issued the access token used to authenticate. */
  provider: ProviderName;
  receivedAt: Date;
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
