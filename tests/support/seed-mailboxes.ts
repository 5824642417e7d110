import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { ConnectionState, OAuthProviderKind } from "@/lib/db/generated/enums";

const unique = () => randomBytes(4).toString("hex");

/** A client configuration row as the clients pages would leave it (no secret: none is read here). */
export async function seedClientConfiguration(
  tenantId: string,
  overrides: { name?: string; provider?: OAuthProviderKind; scopes?: string[] } = {},
) {
  const db = await getDb();
  const provider = overrides.provider ?? "google";
  const google = provider === "google";
  return db.clientConfiguration.create({
    data: {
      tenantId,
      name: overrides.name ?? `Configuration ${unique()}`,
      provider,
      clientId: google ? "1234-abc.apps.googleusercontent.com" : "00000000-0000-4000-8000-000000000001",
      authorizationEndpoint: google
        ? "https://accounts.google.com/o/oauth2/v2/auth?prompt=consent&access_type=offline"
        : "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
      tokenEndpoint: google
        ? "https://oauth2.googleapis.com/token"
        : "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
      // As the presets fill it; Google's is there too, though mail scopes cannot use it.
      deviceEndpoint: google
        ? "https://oauth2.googleapis.com/device/code"
        : "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode",
      scopes:
        overrides.scopes ??
        (google
          ? ["https://mail.google.com/", "openid", "email"]
          : ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"]),
      smtpHost: google ? "smtp.gmail.com" : "smtp.office365.com",
      smtpPort: google ? 465 : 587,
      smtpSecurity: google ? "tls" : "starttls",
    },
  });
}

/** A mailbox, pending unless told otherwise; `connected` fills the columns a connection leaves. */
export async function seedMailbox(
  tenantId: string,
  clientConfigurationId: string,
  overrides: {
    address?: string;
    displayName?: string;
    state?: ConnectionState;
    grantedScopes?: string[];
    withTokens?: boolean;
    assignedTo?: string[];
  } = {},
) {
  const db = await getDb();
  const tokens = overrides.withTokens ?? overrides.state === "connected";
  return db.mailbox.create({
    data: {
      tenantId,
      clientConfigurationId,
      address: overrides.address ?? `mailbox-${unique()}@school.test`,
      displayName: overrides.displayName ?? "",
      state: overrides.state ?? "pending",
      grantedScopes: overrides.grantedScopes ?? [],
      ...(tokens
        ? {
            // Opaque placeholders: nothing in these tests decrypts them.
            accessTokenCipher: "v1:placeholder-access",
            refreshTokenCipher: "v1:placeholder-refresh",
            accessTokenExpiresAt: new Date(Date.now() + 3600_000),
            authorizedAccount: overrides.address ?? null,
            connectedAt: new Date(),
          }
        : {}),
      assignments: overrides.assignedTo?.length
        ? { create: overrides.assignedTo.map((userId) => ({ userId })) }
        : undefined,
    },
  });
}
