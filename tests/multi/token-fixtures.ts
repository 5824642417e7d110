import { randomBytes } from "node:crypto";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import { connectMailbox } from "../unit/fakes/connect-mailbox";

// Shared by the token, keep-alive, revocation and notification tests, and by
// the two-process refresh test's child processes.

export const REDIRECT_URI = "http://127.0.0.1:3999/api/oauth/callback";
export const GOOGLE_CLIENT = {
  clientId: "relais-test.apps.googleusercontent.com",
  clientSecret: "GOCSPX-test-secret-1",
};
export const MICROSOFT_CLIENT = {
  clientId: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
  clientSecret: "ms~test~secret~1",
};
export const GOOGLE_SCOPE = "https://mail.google.com/ openid email";
export const MICROSOFT_SCOPE = "https://outlook.office.com/SMTP.Send offline_access openid email";

/** The test environment a token test needs: local fakes allowed, a random key. */
export function useTokenTestEnvironment(): void {
  process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
  process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  delete process.env.RELAIS_ENCRYPTION_KEYS;
}

export function startTokenFakes(options: { strictRotation?: boolean } = {}) {
  return startFakeProviders({
    acceptAnyAccount: true,
    strictRotation: options.strictRotation ?? false,
    clients: [
      { provider: "google", ...GOOGLE_CLIENT, redirectUris: [REDIRECT_URI], name: "Relais test" },
      { provider: "microsoft", ...MICROSOFT_CLIENT, redirectUris: [REDIRECT_URI], name: "Relais test" },
    ],
  });
}

export type FakeProvider = "google" | "microsoft";

/** A client registered at the fake (another school's application, a rotated secret). */
export type FakeClientCredentials = { clientId: string; clientSecret: string };

/** A client configuration of the tenant pointing at the fake provider. */
export async function seedFakeConfiguration(
  fakes: FakeProvidersHandle,
  tenantId: string,
  provider: FakeProvider,
  overrides: { revocationEndpoint?: string | null; name?: string; client?: FakeClientCredentials } = {},
) {
  const db = await getDb();
  const id = crypto.randomUUID();
  const client = overrides.client ?? (provider === "google" ? GOOGLE_CLIENT : MICROSOFT_CLIENT);
  const endpoints = provider === "google" ? fakes.google : fakes.microsoft.directory("organizations");
  return db.clientConfiguration.create({
    data: {
      id,
      tenantId,
      name: overrides.name ?? `${provider} ${id.slice(0, 8)}`,
      provider,
      clientId: client.clientId,
      clientSecretCipher: encryptSecret(client.clientSecret, clientSecretAad(id)),
      clientSecretHint: "••••",
      authorizationEndpoint: endpoints.authorizationEndpoint,
      tokenEndpoint: endpoints.tokenEndpoint,
      revocationEndpoint:
        overrides.revocationEndpoint !== undefined
          ? overrides.revocationEndpoint
          : provider === "google"
            ? fakes.google.revocationEndpoint
            : null,
      scopes: (provider === "google" ? GOOGLE_SCOPE : MICROSOFT_SCOPE).split(" "),
      smtpHost: "127.0.0.1",
      smtpPort: fakes.smtp.port,
      smtpSecurity: "starttls",
      ...(provider === "microsoft" ? { microsoftDirectory: "organizations" } : {}),
    },
  });
}

/** Runs the fake's authorization code flow for the address and returns the token response. */
export async function authorizeAtFake(
  fakes: FakeProvidersHandle,
  provider: FakeProvider,
  email: string,
  client: FakeClientCredentials = provider === "google" ? GOOGLE_CLIENT : MICROSOFT_CLIENT,
) {
  const { tokens } = await connectMailbox(fakes, {
    provider,
    email,
    ...client,
    redirectUri: REDIRECT_URI,
    scope: provider === "google" ? GOOGLE_SCOPE : MICROSOFT_SCOPE,
    extra: provider === "google" ? { access_type: "offline", prompt: "consent" } : {},
  });
  return tokens as { access_token: string; refresh_token: string; scope?: string; expires_in: number };
}

export interface SeedConnection {
  tenantId: string;
  clientConfigurationId: string;
  address: string;
  accessToken?: string | null;
  refreshToken?: string | null;
  /** Seconds from now; negative = already expired. Default one hour. */
  accessExpiresIn?: number;
  grantedScopes?: string[];
  lastRefreshAt?: Date | null;
  connectedAt?: Date;
  state?: ConnectionState;
  ownerIds?: string[];
}

/** A mailbox row holding the given tokens, encrypted as the authorization flows store them. */
export async function seedConnection(input: SeedConnection) {
  const db = await getDb();
  const id = crypto.randomUUID();
  const now = Date.now();
  const mailbox = await db.mailbox.create({
    data: {
      id,
      tenantId: input.tenantId,
      address: input.address,
      clientConfigurationId: input.clientConfigurationId,
      state: input.state ?? "connected",
      accessTokenCipher: input.accessToken ? encryptSecret(input.accessToken, accessTokenAad(id)) : null,
      refreshTokenCipher: input.refreshToken ? encryptSecret(input.refreshToken, refreshTokenAad(id)) : null,
      accessTokenExpiresAt: input.accessToken ? new Date(now + (input.accessExpiresIn ?? 3600) * 1000) : null,
      grantedScopes: input.grantedScopes ?? [],
      authorizedAccount: input.address,
      connectedAt: input.connectedAt ?? new Date(now),
      lastRefreshAt: input.lastRefreshAt ?? null,
    },
  });
  if (input.ownerIds?.length) {
    await db.mailboxAssignment.createMany({
      data: input.ownerIds.map((userId) => ({ tenantId: input.tenantId, mailboxId: id, userId })),
    });
  }
  return mailbox;
}

/** Authorizes the address at the fake and stores the connection, its access token expiring in `accessExpiresIn`. */
export async function connectAtFake(
  fakes: FakeProvidersHandle,
  provider: FakeProvider,
  input: Omit<SeedConnection, "accessToken" | "refreshToken" | "grantedScopes"> & {
    /** The client the configuration names, when not the fixtures' own. */
    client?: FakeClientCredentials;
  },
) {
  const tokens = await authorizeAtFake(fakes, provider, input.address, input.client);
  const mailbox = await seedConnection({
    ...input,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    grantedScopes: (tokens.scope ?? "").split(" ").filter(Boolean),
  });
  return { mailbox, tokens };
}
