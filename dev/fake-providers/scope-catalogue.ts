import type { ProviderName } from "./types";

interface ScopeInfo {
  description: string;
  /** Sign-in scopes Google grants without a checkbox; everything else can be unticked. */
  basic?: boolean;
}

const GOOGLE_EMAIL = "https://www.googleapis.com/auth/userinfo.email";
const GOOGLE_PROFILE = "https://www.googleapis.com/auth/userinfo.profile";

export const SCOPES: Record<ProviderName, Record<string, ScopeInfo>> = {
  google: {
    openid: { description: "Associate you with your personal info on Google", basic: true },
    email: { description: "See your primary Google Account email address", basic: true },
    profile: {
      description: "See your personal info, including any you made publicly available",
      basic: true,
    },
    [GOOGLE_EMAIL]: { description: "See your primary Google Account email address", basic: true },
    [GOOGLE_PROFILE]: { description: "See your personal info", basic: true },
    "https://mail.google.com/": {
      description: "Read, compose, send and permanently delete all your email from Gmail",
    },
    "https://www.googleapis.com/auth/gmail.send": { description: "Send email on your behalf" },
    "https://www.googleapis.com/auth/gmail.readonly": {
      description: "View your email messages and settings",
    },
    "https://www.googleapis.com/auth/gmail.metadata": {
      description: "View your email message metadata such as labels and headers, but not the email body",
    },
    "https://www.googleapis.com/auth/gmail.compose": { description: "Manage drafts and send emails" },
    "https://www.googleapis.com/auth/gmail.modify": {
      description: "Read, compose and send emails from your Gmail account",
    },
    "https://www.googleapis.com/auth/gmail.settings.basic": {
      description: "See, edit, create or change your email settings and filters in Gmail",
    },
  },
  microsoft: {
    openid: { description: "Sign you in" },
    email: { description: "View your email address" },
    profile: { description: "View your basic profile" },
    offline_access: { description: "Maintain access to data you have given it access to" },
    "https://outlook.office.com/SMTP.Send": { description: "Send emails from mailboxes using SMTP AUTH" },
    "https://outlook.office.com/IMAP.AccessAsUser.All": {
      description: "Read and write access to mailboxes via IMAP",
    },
    "https://outlook.office.com/POP.AccessAsUser.All": {
      description: "Read and write access to mailboxes via POP",
    },
    "User.Read": { description: "Sign you in and read your profile" },
    "https://graph.microsoft.com/User.Read": { description: "Sign you in and read your profile" },
    "https://graph.microsoft.com/User.ReadBasic.All": { description: "Read all users' basic profiles" },
    "https://graph.microsoft.com/Mail.Send": { description: "Send mail as you" },
    "https://graph.microsoft.com/Mail.Send.Shared": { description: "Send mail on behalf of others" },
    "Mail.Send": { description: "Send mail as you" },
    "Mail.Send.Shared": { description: "Send mail on behalf of others" },
  },
};

/** Google reports the sign-in scopes under their long names in token responses. */
export const GOOGLE_SCOPE_ALIASES: Record<string, string> = { email: GOOGLE_EMAIL, profile: GOOGLE_PROFILE };

/** Scopes Google refuses in the device flow: only sign-in and a few non-mail APIs are allowed there. */
export const GOOGLE_DEVICE_FLOW_SCOPES = new Set([
  "openid",
  "email",
  "profile",
  GOOGLE_EMAIL,
  GOOGLE_PROFILE,
]);

/** Microsoft leaves the OpenID Connect scopes out of the `scope` it returns. */
export const MICROSOFT_UNREPORTED_SCOPES = new Set(["openid", "email", "profile", "offline_access"]);

export function knownScopes(provider: ProviderName): string[] {
  return Object.keys(SCOPES[provider]);
}

export function unknownScopes(provider: ProviderName, scope: string | null | undefined): string[] {
  const catalogue = SCOPES[provider];
  return (scope ?? "").split(" ").filter((item) => item && !(item in catalogue));
}
