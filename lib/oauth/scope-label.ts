import type { MessageKey } from "@/lib/i18n/catalog";
import type { connections } from "@/lib/i18n/messages/en/connections";
import { canonicalScope } from "./scope-names";

// Canonical (lower-cased, full) scope → its name under connections.scopes.
const NAMES: Record<string, keyof typeof connections.scopes> = {
  "https://outlook.office.com/smtp.send": "smtpMicrosoft",
  "https://outlook.office.com/imap.accessasuser.all": "imapMicrosoft",
  "https://outlook.office.com/pop.accessasuser.all": "popMicrosoft",
  "https://graph.microsoft.com/mail.send": "graphSend",
  "https://graph.microsoft.com/mail.send.shared": "graphSendShared",
  "https://graph.microsoft.com/user.read": "userRead",
  "https://mail.google.com/": "gmailFull",
  "https://www.googleapis.com/auth/gmail.send": "gmailSend",
  "https://www.googleapis.com/auth/gmail.compose": "gmailCompose",
  "https://www.googleapis.com/auth/gmail.modify": "gmailModify",
  "https://www.googleapis.com/auth/gmail.readonly": "gmailReadonly",
  "https://www.googleapis.com/auth/gmail.settings.basic": "gmailSettings",
  "https://www.googleapis.com/auth/userinfo.email": "email",
  "https://www.googleapis.com/auth/userinfo.profile": "profile",
  offline_access: "offlineAccess",
  openid: "openid",
  email: "email",
  profile: "profile",
};

/** A scope's name in words (`connections.scopes.*`), or null for one Relais does not know: show the URI then. */
export function scopeLabelKey(scope: string): MessageKey | null {
  const name = NAMES[canonicalScope(scope)];
  return name ? `connections.scopes.${name}` : null;
}

/** Scopes that come with signing in: providers leave them out of their answer or rename them. */
export function isSignInScope(scope: string): boolean {
  return ["openid", "email", "profile", "offline_access"].includes(scope.trim().toLowerCase());
}
