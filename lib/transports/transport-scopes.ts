import {
  GOOGLE_MAIL_SCOPE,
  GRAPH_MAIL_SEND_SCOPE,
  GRAPH_MAIL_SEND_SHARED_SCOPE,
  MICROSOFT_SMTP_SCOPE,
  isMicrosoftKind,
  type ProviderKind,
} from "@/lib/oauth/presets";
import { GMAIL_SEND_SCOPE, GMAIL_SETTINGS_SCOPE, type MailTransport } from "./mail-transports";

/** Every scope that lets some transport send: what a transport switch swaps. */
const SEND_SCOPES = [
  GOOGLE_MAIL_SCOPE,
  MICROSOFT_SMTP_SCOPE,
  GRAPH_MAIL_SEND_SCOPE,
  GRAPH_MAIL_SEND_SHARED_SCOPE,
  GMAIL_SEND_SCOPE,
  GMAIL_SETTINGS_SCOPE,
].map((scope) => scope.toLowerCase());

const isSendScope = (scope: string) => SEND_SCOPES.includes(scope.toLowerCase());

type ProviderFacts = { provider: ProviderKind };

/**
 * The scopes sending needs over `transport`: SMTP needs Google's full mail
 * scope or Microsoft's `SMTP.Send`; Graph `Mail.Send` (and `Mail.Send.Shared`
 * to send as a shared mailbox); the Gmail API only `gmail.send`.
 */
export function sendScopesFor(
  config: ProviderFacts,
  transport: MailTransport,
  options: { delegate?: boolean } = {},
): string[] {
  switch (transport) {
    case "graph":
      return options.delegate
        ? [GRAPH_MAIL_SEND_SCOPE, GRAPH_MAIL_SEND_SHARED_SCOPE]
        : [GRAPH_MAIL_SEND_SCOPE];
    case "gmail_api":
      // gmail.send cannot list the send-as addresses that a delegate's From: must be one of.
      return options.delegate ? [GMAIL_SEND_SCOPE, GMAIL_SETTINGS_SCOPE] : [GMAIL_SEND_SCOPE];
    case "smtp":
      if (config.provider === "google") return [GOOGLE_MAIL_SCOPE];
      if (isMicrosoftKind(config.provider)) return [MICROSOFT_SMTP_SCOPE];
      return [];
  }
}

/** A preset's scopes for a transport: the sending scopes, then sign-in and (Microsoft) offline access. */
export function presetScopesFor(provider: ProviderKind, transport: MailTransport): string[] {
  const send = sendScopesFor({ provider }, transport);
  return isMicrosoftKind(provider)
    ? [...send, "offline_access", "openid", "email"]
    : [...send, "openid", "email"];
}

/**
 * What a mailbox's consent asks for: its configuration's scopes, with the
 * sending scopes replaced by those of the mailbox's own transport when it
 * differs, plus `Mail.Send.Shared` for a Graph delegate.
 */
export function scopesToRequest(
  config: ProviderFacts & { scopes: readonly string[]; transport: MailTransport },
  mailbox: { transport: MailTransport | null; delegateAccount: string | null },
): string[] {
  const transport = mailbox.transport ?? config.transport;
  const delegate = mailbox.delegateAccount !== null;
  if (transport === config.transport && !delegate) return [...config.scopes];
  const own = config.scopes.filter((scope) => !isSendScope(scope) || transport === config.transport);
  const send = sendScopesFor(config, transport, { delegate });
  // A custom configuration's own sending scopes stay when nothing better is known.
  const kept = send.length === 0 ? config.scopes.filter(isSendScope) : [];
  return [...new Set([...send, ...kept, ...own])];
}
