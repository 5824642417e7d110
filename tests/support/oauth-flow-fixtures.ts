import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Actor } from "@/lib/auth/tenant-context";
import { newLinkToken } from "@/lib/auth/tokens";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { getDb } from "@/lib/db/client";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { contextFor, seedMember, seedTenant } from "./factories";

/** The callback address the fakes know this portal by (NEXTAUTH_URL is set to match). */
export const PORTAL_URL = "http://127.0.0.1:3999";
export const REDIRECT_URI = `${PORTAL_URL}/api/oauth/callback`;

/**
 * The environment the flows need in a test process: a random secrets key,
 * local providers allowed (the fakes are on loopback), a fixed portal address.
 * Call at the top of the test file, before anything reads the keyring.
 */
export function setOAuthFlowEnvironment(): void {
  process.env.RELAIS_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  delete process.env.RELAIS_ENCRYPTION_KEYS;
  process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
  process.env.NEXTAUTH_URL = PORTAL_URL;
}

/** The fake Google, Microsoft and SMTP servers for the file, started once. */
export function useFakeProviders(options: Parameters<typeof startFakeProviders>[0] = {}) {
  const handle = {} as { fakes: FakeProvidersHandle };
  beforeAll(async () => {
    handle.fakes = await startFakeProviders(options);
  });
  afterAll(async () => {
    await handle.fakes?.close();
  });
  return handle;
}

export const actorOf = (user: { id: string; email: string }): Actor => ({
  userId: user.id,
  email: user.email,
  ip: "203.0.113.9",
});

type ConfigurationKind = "google" | "microsoft";

/**
 * A tenant with an admin, a member and a client configuration registered at
 * the fake provider the way an admin would save it (through the domain
 * function, with the fake's endpoints). Each call registers a fresh client.
 */
export async function seedSchoolAtFake(
  fakes: FakeProvidersHandle,
  kind: ConfigurationKind,
  overrides: {
    scopes?: string;
    authorizationQuery?: string;
    clientSecret?: string | null;
    registeredSecret?: string;
  } = {},
) {
  const tenant = await seedTenant();
  const admin = await seedMember(tenant.id, "admin");
  const member = await seedMember(tenant.id, "member");
  const suffix = randomBytes(4).toString("hex");
  const google = kind === "google";
  const clientId = google
    ? `school-${suffix}.apps.googleusercontent.com`
    : `00000000-0000-4000-8000-${suffix}0000`;
  const secret =
    overrides.clientSecret === undefined ? (google ? `GOCSPX-${suffix}` : null) : overrides.clientSecret;
  fakes.control.registerClient({
    provider: kind,
    clientId,
    ...(secret ? { clientSecret: overrides.registeredSecret ?? secret } : {}),
    redirectUris: [REDIRECT_URI],
    name: `School ${suffix}`,
  });
  const endpoints = google ? fakes.google : fakes.microsoft.organizations;
  const ctx = await contextFor(admin, tenant, "clients.write");
  const { id } = await createClientConfiguration(ctx, {
    name: `${kind} ${suffix}`,
    provider: kind,
    clientId,
    clientSecret: secret ?? "",
    authorizationEndpoint: `${endpoints.authorizationEndpoint}${
      overrides.authorizationQuery ?? (google ? "?prompt=consent&access_type=offline" : "")
    }`,
    tokenEndpoint: endpoints.tokenEndpoint,
    deviceEndpoint: endpoints.deviceEndpoint,
    scopes:
      overrides.scopes ??
      (google
        ? "https://mail.google.com/ openid email"
        : "https://outlook.office.com/SMTP.Send offline_access openid email"),
    defaultFlow: "authorization_code",
    pkce: "true",
    smtpHost: fakes.smtp.host,
    smtpPort: String(fakes.smtp.port),
    smtpSecurity: "starttls",
    microsoftDirectory: google ? undefined : "organizations",
  });
  return { tenant, admin, member, configurationId: id, clientId, kind };
}

/** A mailbox of the school, known to the fake provider, assigned to `assignedTo` if given. */
export async function seedFakeMailbox(
  fakes: FakeProvidersHandle,
  school: { tenant: { id: string }; configurationId: string; kind: ConfigurationKind },
  address: string,
  assignedTo: string[] = [],
) {
  fakes.control.addMailbox(address, { provider: school.kind });
  const db = await getDb();
  return db.mailbox.create({
    data: {
      tenantId: school.tenant.id,
      clientConfigurationId: school.configurationId,
      address,
      assignments: assignedTo.length ? { create: assignedTo.map((userId) => ({ userId })) } : undefined,
    },
  });
}

/** A connect link for a mailbox, as the mailbox pages would send it; returns the token. */
export async function seedConnectLink(mailbox: { id: string; tenantId: string }, days = 7) {
  const { token, tokenHash } = newLinkToken();
  const db = await getDb();
  const link = await db.connectLink.create({
    data: {
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      tokenHash,
      expiresAt: new Date(Date.now() + days * 86_400_000),
    },
  });
  return { token, link };
}
