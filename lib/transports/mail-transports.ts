import { isMicrosoftKind, type ProviderKind } from "@/lib/oauth/presets";

/** How a mailbox's mail leaves Relais (docs/transports.md); the Prisma enum MailTransport. */
export const mailTransports = ["smtp", "graph", "gmail_api"] as const;
export type MailTransport = (typeof mailTransports)[number];

export const GMAIL_SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send";
/** Reads the account's send-as addresses: how a Gmail delegate's alias is checked (check-gmail-alias.ts). */
export const GMAIL_SETTINGS_SCOPE = "https://www.googleapis.com/auth/gmail.settings.basic";

/** The providers' API base addresses, fixed for the presets. */
export const GRAPH_BASE_URL = "https://graph.microsoft.com";
export const GMAIL_API_BASE_URL = "https://gmail.googleapis.com";

/** The transports a provider kind offers: its SMTP and its own HTTP API; a custom configuration any. */
export function transportsFor(provider: ProviderKind): readonly MailTransport[] {
  if (provider === "google") return ["smtp", "gmail_api"];
  if (isMicrosoftKind(provider)) return ["smtp", "graph"];
  return mailTransports;
}

/** A mailbox sends through its own transport when it has one, else its configuration's. */
export function effectiveTransport(
  config: { transport: MailTransport },
  mailbox: { transport: MailTransport | null },
): MailTransport {
  return mailbox.transport ?? config.transport;
}

/** The API base address of a configuration's HTTP transport: the one typed, else the provider's. */
export function apiBaseUrlFor(
  config: { apiBaseUrl: string | null },
  transport: MailTransport,
): string | null {
  if (config.apiBaseUrl) return config.apiBaseUrl.replace(/\/+$/, "");
  if (transport === "graph") return GRAPH_BASE_URL;
  if (transport === "gmail_api") return GMAIL_API_BASE_URL;
  return null;
}
