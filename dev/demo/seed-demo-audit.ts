import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** How far back the setting up of the demo school is dated, one entry a minute from there. */
const SET_UP_DAYS_AGO = 2;

/**
 * Gives the demo school an audit log of its own setting up, once: its admin
 * adding its members, its OAuth applications, its mailboxes, the copier's
 * relay credential and the webhook endpoint, with the details those actions
 * record (lib/clients/create-client-configuration.ts and the others), so that
 * the audit log and its filters have something to show. The rows the seeds
 * wrote directly are the targets; nothing secret is named.
 */
export async function seedDemoAudit(db: Db, tenantSlug: string, adminEmail: string): Promise<void> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: tenantSlug }, select: { id: true } });
  if ((await db.auditEntry.count({ where: { tenantId: tenant.id } })) > 0) return;
  const admin = await db.user.findUniqueOrThrow({ where: { email: adminEmail }, select: { id: true } });
  const [memberships, configurations, mailboxes, credentials, endpoints] = await Promise.all([
    db.membership.findMany({
      where: { tenantId: tenant.id, userId: { not: admin.id } },
      select: { role: true, user: { select: { id: true, email: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.clientConfiguration.findMany({
      where: { tenantId: tenant.id },
      select: {
        id: true,
        name: true,
        provider: true,
        clientId: true,
        clientSecretCipher: true,
        transport: true,
      },
      orderBy: { createdAt: "asc" },
    }),
    db.mailbox.findMany({
      where: { tenantId: tenant.id },
      select: {
        id: true,
        address: true,
        transport: true,
        delegateAccount: true,
        clientConfiguration: { select: { name: true } },
        assignments: { select: { user: { select: { email: true } } } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.relayCredential.findMany({
      where: { tenantId: tenant.id },
      select: {
        id: true,
        name: true,
        username: true,
        fromPolicy: true,
        allowedNetworks: true,
        dailyCap: true,
        mailboxes: { select: { mailbox: { select: { address: true } } } },
      },
    }),
    db.webhookEndpoint.findMany({
      where: { tenantId: tenant.id },
      select: { id: true, url: true, eventTypes: true },
    }),
  ]);
  const events: Omit<
    Prisma.AuditEntryCreateManyInput,
    "tenantId" | "actorId" | "actorLabel" | "createdAt"
  >[] = [
    ...memberships.map(({ role, user }) => ({
      action: "member.added",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.email,
      details: { role },
    })),
    ...configurations.map((c) => ({
      action: "client.created",
      targetType: "clientConfiguration",
      targetId: c.id,
      targetLabel: c.name,
      details: {
        provider: c.provider,
        clientId: c.clientId,
        secret: c.clientSecretCipher !== null,
        transport: c.transport,
      },
    })),
    ...mailboxes.map((m) => ({
      action: "mailbox.created",
      targetType: "mailbox",
      targetId: m.id,
      targetLabel: m.address,
      details: {
        configuration: m.clientConfiguration.name,
        members: m.assignments.map((a) => a.user.email),
        ...(m.transport ? { transport: m.transport } : {}),
        ...(m.delegateAccount ? { delegateAccount: m.delegateAccount } : {}),
      },
    })),
    ...credentials.map((c) => ({
      action: "relay_credential.created",
      targetType: "relay_credential",
      targetId: c.id,
      targetLabel: c.name,
      details: {
        username: c.username,
        mailboxes: c.mailboxes.map((m) => m.mailbox.address),
        fromPolicy: c.fromPolicy,
        allowedNetworks: c.allowedNetworks,
        dailyCap: c.dailyCap,
      },
    })),
    ...endpoints.map((e) => ({
      action: "webhook_endpoint.created",
      targetType: "webhook_endpoint",
      targetId: e.id,
      targetLabel: e.url,
      details: { events: e.eventTypes },
    })),
  ];
  const start = Date.now() - SET_UP_DAYS_AGO * 86_400_000;
  await db.auditEntry.createMany({
    data: events.map((event, i) => ({
      ...event,
      tenantId: tenant.id,
      actorId: admin.id,
      actorLabel: adminEmail,
      createdAt: new Date(start + i * 60_000),
    })),
  });
}
