import { randomUUID } from "node:crypto";
import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { secretHint } from "@/lib/crypto/secret-hint";
import type { Db } from "@/lib/db/client";
import type { FakeProvidersHandle } from "@/dev/fake-providers/start-fake-providers";
import { GOOGLE_MAIL_SCOPE, MICROSOFT_SMTP_SCOPE } from "@/lib/oauth/presets";
import { presetScopesFor } from "@/lib/transports/transport-scopes";
import { demoClients, demoMailboxes } from "./demo-providers";

type Endpoints = Pick<FakeProvidersHandle, "google" | "microsoft" | "smtp">;

function demoConfigurations(providers: Endpoints) {
  const smtp = {
    smtpHost: providers.smtp.host,
    smtpPort: providers.smtp.port,
    smtpSecurity: "starttls" as const,
  };
  return {
    google: {
      name: "Google Workspace (local demo)",
      provider: "google" as const,
      clientId: demoClients.google.clientId,
      authorizationEndpoint: `${providers.google.authorizationEndpoint}?prompt=consent&access_type=offline`,
      tokenEndpoint: providers.google.tokenEndpoint,
      deviceEndpoint: providers.google.deviceEndpoint,
      revocationEndpoint: providers.google.revocationEndpoint,
      scopes: [GOOGLE_MAIL_SCOPE, "openid", "email"],
      ...smtp,
    },
    microsoft: {
      name: "Microsoft 365 (local demo)",
      provider: "microsoft" as const,
      clientId: demoClients.microsoft.clientId,
      authorizationEndpoint: providers.microsoft.organizations.authorizationEndpoint,
      tokenEndpoint: providers.microsoft.organizations.tokenEndpoint,
      deviceEndpoint: providers.microsoft.organizations.deviceEndpoint,
      revocationEndpoint: null,
      scopes: [MICROSOFT_SMTP_SCOPE, "offline_access", "openid", "email"],
      microsoftDirectory: "organizations",
      ...smtp,
    },
    graph: {
      name: "Microsoft 365 through Graph (local demo)",
      provider: "microsoft" as const,
      clientId: demoClients.microsoft.clientId,
      authorizationEndpoint: providers.microsoft.organizations.authorizationEndpoint,
      tokenEndpoint: providers.microsoft.organizations.tokenEndpoint,
      deviceEndpoint: providers.microsoft.organizations.deviceEndpoint,
      revocationEndpoint: null,
      scopes: presetScopesFor("microsoft", "graph"),
      microsoftDirectory: "organizations",
      transport: "graph" as const,
      apiBaseUrl: providers.microsoft.graphBaseUrl,
      ...smtp,
    },
  };
}

/**
 * Gives the demo school a Google, a Microsoft (SMTP) and a Microsoft (Graph)
 * configuration pointing at the local providers, and their mailboxes (one of
 * them shared, sent as by a delegate) assigned to its teacher and admin.
 * Endpoints are written again on every start (the ports may have changed);
 * anything else a person changed is kept.
 */
export async function seedDemoMailboxes(db: Db, tenantSlug: string, providers: Endpoints, people: string[]) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: tenantSlug } });
  const configurations = demoConfigurations(providers);
  const configIds = new Map<string, string>();
  for (const [kind, config] of Object.entries(configurations)) {
    const existing = await db.clientConfiguration.findFirst({
      where: { tenantId: tenant.id, name: config.name },
      select: { id: true },
    });
    const endpoints = {
      authorizationEndpoint: config.authorizationEndpoint,
      tokenEndpoint: config.tokenEndpoint,
      deviceEndpoint: config.deviceEndpoint,
      revocationEndpoint: config.revocationEndpoint,
      smtpHost: config.smtpHost,
      smtpPort: config.smtpPort,
      ...("apiBaseUrl" in config ? { apiBaseUrl: config.apiBaseUrl } : {}),
    };
    if (existing) {
      await db.clientConfiguration.update({ where: { id: existing.id }, data: endpoints });
      configIds.set(kind, existing.id);
      continue;
    }
    const id = randomUUID();
    const secret = kind === "google" ? demoClients.google.clientSecret : undefined;
    await db.clientConfiguration.create({
      data: {
        id,
        tenantId: tenant.id,
        ...config,
        clientSecretCipher: secret ? encryptSecret(secret, clientSecretAad(id)) : null,
        clientSecretHint: secret ? secretHint(secret) : null,
      },
    });
    configIds.set(kind, id);
  }
  const users = await db.user.findMany({ where: { email: { in: people } }, select: { id: true } });
  for (const mailbox of demoMailboxes) {
    const exists = await db.mailbox.findFirst({ where: { tenantId: tenant.id, address: mailbox.address } });
    if (exists) continue;
    await db.mailbox.create({
      data: {
        tenantId: tenant.id,
        address: mailbox.address,
        displayName: mailbox.displayName,
        clientConfigurationId: configIds.get(mailbox.configuration)!,
        delegateAccount: mailbox.delegate,
        assignments: { create: users.map((user) => ({ userId: user.id })) },
      },
    });
  }
}
