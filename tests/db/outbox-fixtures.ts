import { randomBytes } from "node:crypto";
import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import type { MailTransport } from "@/lib/transports/mail-transports";
import { presetScopesFor, scopesToRequest } from "@/lib/transports/transport-scopes";
import { connectMailbox } from "../unit/fakes/connect-mailbox";

// The worker and the token refresh reach the fakes on loopback; tokens are encrypted at rest.
process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
export const GOOGLE_CLIENT = { clientId: "outbox.apps.googleusercontent.com", clientSecret: "GOCSPX-outbox" };
export const MICROSOFT_CLIENT = {
  clientId: "dddddddd-0000-4000-8000-00000000000b",
  clientSecret: "ms-outbox-secret",
};
const SCOPES = {
  google: ["openid", "email", "https://mail.google.com/"],
  microsoft: ["https://outlook.office.com/SMTP.Send", "offline_access"],
};

export type Provider = "google" | "microsoft";

export async function startOutboxFakes(): Promise<FakeProvidersHandle> {
  return startFakeProviders({
    acceptAnyAccount: true,
    clients: [
      { provider: "google", ...GOOGLE_CLIENT, redirectUris: [REDIRECT] },
      { provider: "microsoft", ...MICROSOFT_CLIENT, redirectUris: [REDIRECT] },
    ],
  });
}

/** A client configuration of the tenant pointing at the fakes, with its secret encrypted like the portal does. */
export async function seedFakeConfiguration(
  fakes: FakeProvidersHandle,
  tenantId: string,
  provider: Provider,
  limits: { maxMessagesPerMinute?: number; maxMessagesPerDay?: number; maxRecipientsPerDay?: number } = {},
  options: { transport?: MailTransport } = {},
) {
  const db = await getDb();
  const transport = options.transport ?? "smtp";
  const endpoints = provider === "google" ? fakes.google : fakes.microsoft.directory("organizations");
  const client = provider === "google" ? GOOGLE_CLIENT : MICROSOFT_CLIENT;
  const config = await db.clientConfiguration.create({
    data: {
      tenantId,
      name: `${provider} ${randomBytes(3).toString("hex")}`,
      provider,
      clientId: client.clientId,
      authorizationEndpoint: endpoints.authorizationEndpoint,
      tokenEndpoint: endpoints.tokenEndpoint,
      scopes: transport === "smtp" ? SCOPES[provider] : presetScopesFor(provider, transport),
      transport,
      // The HTTP APIs' base addresses at the fakes (the presets' are the providers' own).
      // (Google's also for SMTP: a delegate's send-as addresses are read through the Gmail API.)
      apiBaseUrl:
        transport === "graph"
          ? fakes.microsoft.graphBaseUrl
          : provider === "google"
            ? fakes.google.gmailApiBaseUrl
            : null,
      smtpHost: fakes.smtp.host,
      smtpPort: fakes.smtp.port,
      smtpSecurity: "starttls",
      microsoftDirectory: provider === "microsoft" ? "organizations" : null,
      ...limits,
    },
  });
  return db.clientConfiguration.update({
    where: { id: config.id },
    data: { clientSecretCipher: encryptSecret(client.clientSecret, clientSecretAad(config.id)) },
  });
}

/**
 * A mailbox connected for real: the fake's authorization code flow runs for
 * `address`, and its tokens are stored encrypted on the row, as the callback does.
 */
export async function seedConnectedMailbox(
  fakes: FakeProvidersHandle,
  config: { id: string; tenantId: string; provider: string; scopes?: string[]; transport?: MailTransport },
  address: string,
  options: { assignTo?: string[]; delegate?: string; transport?: MailTransport } = {},
) {
  const provider = config.provider as Provider;
  const client = provider === "google" ? GOOGLE_CLIENT : MICROSOFT_CLIENT;
  const delegate = options.delegate?.toLowerCase() ?? null;
  // What the portal's consent would ask for this mailbox (its transport's scopes, a delegate's).
  const scopes = scopesToRequest(
    { provider, scopes: config.scopes ?? SCOPES[provider], transport: config.transport ?? "smtp" },
    { transport: options.transport ?? null, delegateAccount: delegate },
  );
  const { tokens } = await connectMailbox(fakes, {
    provider,
    email: delegate ?? address,
    ...client,
    redirectUri: REDIRECT,
    scope: scopes.join(" "),
    extra: provider === "google" ? { prompt: "consent", access_type: "offline" } : {},
  });
  const db = await getDb();
  const mailbox = await db.mailbox.create({
    data: {
      tenantId: config.tenantId,
      address,
      clientConfigurationId: config.id,
      state: "pending",
      transport: options.transport ?? null,
      delegateAccount: delegate,
    },
  });
  const now = new Date();
  const updated = await db.mailbox.update({
    where: { id: mailbox.id },
    data: {
      state: "connected",
      accessTokenCipher: encryptSecret(String(tokens.access_token), accessTokenAad(mailbox.id)),
      refreshTokenCipher: encryptSecret(String(tokens.refresh_token), refreshTokenAad(mailbox.id)),
      accessTokenExpiresAt: new Date(now.getTime() + Number(tokens.expires_in ?? 3600) * 1000),
      grantedScopes: scopes,
      authorizedAccount: delegate ?? address,
      connectedAt: now,
    },
  });
  if (options.assignTo?.length) {
    await db.mailboxAssignment.createMany({
      data: options.assignTo.map((userId) => ({ tenantId: config.tenantId, mailboxId: mailbox.id, userId })),
    });
  }
  return updated;
}

/** A mailbox row in a given state without tokens (pending, needs_reconnect, revoked…). */
export async function seedMailboxInState(
  config: { id: string; tenantId: string },
  address: string,
  state: "pending" | "needs_reconnect" | "revoked" | "config_error" | "insufficient_scope",
) {
  const db = await getDb();
  return db.mailbox.create({
    data: { tenantId: config.tenantId, address, clientConfigurationId: config.id, state },
  });
}

export const draft = (overrides: Partial<import("@/lib/outbox/mail-input").MailDraft> = {}) => ({
  to: ["parent@example.org"],
  cc: [],
  bcc: [],
  subject: "Réunion parents-professeurs",
  text: "Bonjour, la réunion a lieu jeudi.",
  html: null,
  attachments: [],
  ...overrides,
});
