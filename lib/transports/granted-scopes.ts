import {
  GOOGLE_MAIL_SCOPE,
  MICROSOFT_SMTP_SCOPE,
  isMicrosoftKind,
  type ProviderKind,
} from "@/lib/oauth/presets";
import type { MailTransport } from "./mail-transports";
import { sendScopesFor } from "./transport-scopes";

const MICROSOFT_RESOURCE = "https://outlook.office.com/";

type ScopeSource = {
  provider: ProviderKind;
  scopes: string[];
  authorizationEndpoint: string;
  transport?: MailTransport;
};

/** The mailbox's own transport and delegate, where it has them. */
type MailboxScopeFacts = { transport?: MailTransport | null; delegateAccount?: string | null };

const GRAPH_RESOURCE = "https://graph.microsoft.com/";

/**
 * What was granted: the token response's `scope` (space-separated), or when
 * it is absent the scopes that were requested (RFC 6749 §5.1).
 */
export function grantedScopesOf(scopeField: string | undefined, requested: string[]): string[] {
  const listed = scopeField?.split(" ").filter(Boolean);
  return [...new Set(listed && listed.length > 0 ? listed : requested)];
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/**
 * Microsoft reports `SMTP.Send` or `https://outlook.office.com/SMTP.Send`,
 * `Mail.Send` or `https://graph.microsoft.com/Mail.Send`, in any case.
 */
function normalize(scope: string): string {
  const lower = scope.toLowerCase();
  if (lower === "smtp.send") return `${MICROSOFT_RESOURCE}smtp.send`;
  if (lower === "mail.send" || lower === "mail.send.shared") return `${GRAPH_RESOURCE}${lower}`;
  return lower;
}

function isMailScope(scope: string): boolean {
  return scope === GOOGLE_MAIL_SCOPE || normalize(scope) === normalize(MICROSOFT_SMTP_SCOPE);
}

/**
 * The scopes without which the mailbox cannot send over its transport. Over
 * SMTP: Google's `https://mail.google.com/`, Microsoft's `SMTP.Send`; for a
 * custom configuration, whichever of these it asks for (nothing else can be
 * known). Over Graph `Mail.Send` (and `Mail.Send.Shared` for a delegate),
 * over the Gmail API `gmail.send`.
 */
export function requiredMailScopes(config: ScopeSource, mailbox: MailboxScopeFacts = {}): string[] {
  const transport = mailbox.transport ?? config.transport ?? "smtp";
  if (transport !== "smtp")
    return sendScopesFor(config, transport, { delegate: Boolean(mailbox.delegateAccount) });
  if (config.provider === "google" || hostOf(config.authorizationEndpoint) === "accounts.google.com") {
    return [GOOGLE_MAIL_SCOPE];
  }
  if (
    isMicrosoftKind(config.provider) ||
    hostOf(config.authorizationEndpoint) === "login.microsoftonline.com"
  ) {
    return [MICROSOFT_SMTP_SCOPE];
  }
  return config.scopes.filter(isMailScope);
}

export function missingScopes(required: string[], granted: string[]): string[] {
  const have = new Set(granted.map(normalize));
  return required.filter((scope) => !have.has(normalize(scope)));
}
