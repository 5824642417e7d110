/**
 * What the portal pre-fills for the providers it knows, from the providers'
 * own documentation: a school that picks "Google" or "Microsoft 365" only
 * pastes its client ID (and secret).
 */
export const providerKinds = ["google", "microsoft", "platform_microsoft", "custom"] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const oauthFlows = ["authorization_code", "device_code"] as const;
export type OAuthFlow = (typeof oauthFlows)[number];

export const smtpSecurities = ["tls", "starttls"] as const;
export type SmtpSecurity = (typeof smtpSecurities)[number];

export type ClientPreset = {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  deviceEndpoint: string | null;
  /** null: the provider has no RFC 7009 endpoint; disconnecting only deletes the tokens here. */
  revocationEndpoint: string | null;
  scopes: readonly string[];
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: SmtpSecurity;
  clientSecret: "required" | "optional";
  pkce: boolean;
  defaultFlow: OAuthFlow;
};

export const GOOGLE_MAIL_SCOPE = "https://mail.google.com/";
export const MICROSOFT_SMTP_SCOPE = "https://outlook.office.com/SMTP.Send";
export const GRAPH_MAIL_SEND_SCOPE = "https://graph.microsoft.com/Mail.Send";
export const GRAPH_MAIL_SEND_SHARED_SCOPE = "https://graph.microsoft.com/Mail.Send.Shared";
export const MICROSOFT_LOGIN_HOST = "login.microsoftonline.com";

export const googlePreset: Readonly<ClientPreset> = Object.freeze({
  // Without these two parameters Google sends no refresh token on re-consent.
  authorizationEndpoint: "https://accounts.google.com/o/oauth2/v2/auth?prompt=consent&access_type=offline",
  tokenEndpoint: "https://oauth2.googleapis.com/token",
  deviceEndpoint: "https://oauth2.googleapis.com/device/code",
  revocationEndpoint: "https://oauth2.googleapis.com/revoke",
  // gmail.send is not enough for SMTP; openid email identify the mailbox that consented.
  scopes: Object.freeze([GOOGLE_MAIL_SCOPE, "openid", "email"]),
  smtpHost: "smtp.gmail.com",
  smtpPort: 465,
  smtpSecurity: "tls",
  clientSecret: "required",
  pkce: true,
  defaultFlow: "authorization_code",
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Microsoft directory an application signs people in from: a tenant ID,
 * `organizations` (any work or school account) or `common` (also personal ones).
 */
export function isMicrosoftDirectory(directory: string): boolean {
  return directory === "organizations" || directory === "common" || GUID.test(directory);
}

/** The Microsoft 365 preset for one directory, or null when the directory is not valid. */
export function microsoftPreset(directory: string): ClientPreset | null {
  if (!isMicrosoftDirectory(directory)) return null;
  const base = `https://${MICROSOFT_LOGIN_HOST}/${directory.toLowerCase()}/oauth2/v2.0`;
  return {
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    deviceEndpoint: `${base}/devicecode`,
    revocationEndpoint: null,
    // offline_access is what yields a refresh token.
    scopes: [MICROSOFT_SMTP_SCOPE, "offline_access", "openid", "email"],
    smtpHost: "smtp.office365.com",
    smtpPort: 587,
    smtpSecurity: "starttls",
    // A public client ("Allow public client flows") has no secret; PKCE protects it instead.
    clientSecret: "optional",
    pkce: true,
    defaultFlow: "authorization_code",
  };
}

/**
 * The preset for a provider kind. `platform_microsoft` is the platform's own
 * Microsoft application, multi-tenant, so it signs in from `organizations`
 * unless the operator names a directory. `custom` has no preset.
 */
export function presetFor(kind: ProviderKind, microsoftDirectory?: string): ClientPreset | null {
  switch (kind) {
    case "google":
      return googlePreset;
    case "microsoft":
      return microsoftPreset(microsoftDirectory ?? "organizations");
    case "platform_microsoft":
      return microsoftPreset(microsoftDirectory ?? "organizations");
    case "custom":
      return null;
  }
}

/** Microsoft's kinds share the same rules (scopes, secret, hosts). */
export function isMicrosoftKind(kind: ProviderKind): boolean {
  return kind === "microsoft" || kind === "platform_microsoft";
}
