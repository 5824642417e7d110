import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { normalizeEmail } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { inScope, type PersonalDataScope } from "./personal-data-scope";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** What the export says it leaves out, and why (docs/personal-data.md). */
const NOT_INCLUDED = [
  "Passwords: only a hash is stored, never exported; `account.hasPassword` says whether one is set.",
  "Link tokens (sign-in, invitation, connect links): only their hashes are stored.",
  "Mail bodies and attachments: deleted after the school's retention period; this export lists the mail's record.",
  "Mail addressed to this person by others: schools' delivery records, listed by the school on request.",
] as const;

/**
 * Everything Relais holds about a person, found by their address (GDPR article
 * 15), as one JSON-ready object: the account, memberships, mailbox
 * assignments, mailboxes in their name, invitations, connect links mailed to
 * them, audit entries where they act or are the target, the record of mail
 * they queued, the reconnection campaigns they started, and (platform scope only) sign-in links, sign-in attempts and
 * captured platform mail. A school's scope reaches only that school's rows.
 * Works for an address without an account (invitations, attempts, entries).
 */
export async function exportPersonalData(scope: PersonalDataScope, rawEmail: string) {
  const email = normalizeEmail(rawEmail);
  const db = await getDb();
  const platform = scope.kind === "platform";
  const tenantWhere = inScope(scope);

  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      isOperator: true,
      passwordHash: true,
      disabledAt: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  const userId = user?.id ?? null;
  const memberships = userId
    ? await db.membership.findMany({
        where: { userId, ...tenantWhere },
        select: { id: true, tenantId: true, role: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  // A school sees the account only if the person belongs to it; the platform always.
  const showAccount = user !== null && (platform || memberships.length > 0);

  const sameAddress = { equals: email, mode: "insensitive" } as const;
  const actorWhere: Prisma.AuditEntryWhereInput = {
    ...tenantWhere,
    OR: [...(userId ? [{ actorId: userId }] : []), { actorId: null, actorLabel: sameAddress }],
  };
  const targetWhere: Prisma.AuditEntryWhereInput = {
    ...tenantWhere,
    OR: [...(userId ? [{ targetType: "user", targetId: userId }] : []), { targetLabel: sameAddress }],
  };
  const auditSelect = {
    id: true,
    tenantId: true,
    actorLabel: true,
    action: true,
    targetType: true,
    targetId: true,
    targetLabel: true,
    details: true,
    ip: true,
    createdAt: true,
  } as const;

  const [
    assignments,
    mailboxes,
    invitationsReceived,
    invitationsSent,
    connectLinks,
    asActor,
    asTarget,
    mail,
    signInLinks,
    signInAttempts,
    capturedMail,
    campaigns,
  ] = await Promise.all([
    userId
      ? db.mailboxAssignment.findMany({
          where: { userId, ...tenantWhere },
          select: { tenantId: true, createdAt: true, mailbox: { select: { address: true } } },
          orderBy: { createdAt: "asc" },
        })
      : [],
    db.mailbox.findMany({
      where: {
        ...tenantWhere,
        OR: [{ address: email }, { authorizedAccount: sameAddress }, { delegateAccount: sameAddress }],
      },
      select: {
        tenantId: true,
        address: true,
        displayName: true,
        state: true,
        authorizedAccount: true,
        delegateAccount: true,
        connectedAt: true,
        createdAt: true,
      },
      orderBy: { address: "asc" },
    }),
    db.invitation.findMany({
      where: { email: sameAddress, ...tenantWhere },
      select: {
        tenantId: true,
        role: true,
        createdAt: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
    userId
      ? db.invitation.findMany({
          where: { invitedById: userId, ...tenantWhere },
          select: { tenantId: true, email: true, role: true, createdAt: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
    db.connectLink.findMany({
      where: { sentTo: sameAddress, ...tenantWhere },
      select: {
        tenantId: true,
        createdAt: true,
        expiresAt: true,
        usedAt: true,
        revokedAt: true,
        mailbox: { select: { address: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.auditEntry.findMany({ where: actorWhere, select: auditSelect, orderBy: { id: "asc" } }),
    db.auditEntry.findMany({ where: targetWhere, select: auditSelect, orderBy: { id: "asc" } }),
    userId
      ? db.outgoingMail.findMany({
          where: { createdById: userId, ...tenantWhere },
          select: {
            id: true,
            tenantId: true,
            messageId: true,
            source: true,
            to: true,
            cc: true,
            bcc: true,
            subject: true,
            status: true,
            sizeBytes: true,
            createdAt: true,
            sentAt: true,
            bodyPurgedAt: true,
            mailbox: { select: { address: true } },
            attachments: { select: { filename: true, contentType: true, size: true } },
          },
          orderBy: { createdAt: "asc" },
        })
      : [],
    platform && userId
      ? db.signInLink.findMany({
          where: { userId },
          select: { createdAt: true, expiresAt: true, usedAt: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
    platform
      ? db.signInAttempt.findMany({
          where: { email },
          select: { createdAt: true, ip: true, succeeded: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
    platform
      ? db.capturedMail.findMany({
          where: { to: sameAddress },
          select: { subject: true, createdAt: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
    // Reconnection campaigns they started: their reminders go out in the person's name.
    db.reconnectCampaign.findMany({
      where: {
        ...tenantWhere,
        OR: [
          ...(userId ? [{ createdById: userId }] : []),
          { createdById: null, createdByLabel: sameAddress },
        ],
      },
      select: {
        tenantId: true,
        name: true,
        channel: true,
        linkDays: true,
        reminderDays: true,
        createdAt: true,
        closedAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
  ]);

  const tenantIds = new Set<string>([
    ...(scope.kind === "tenant" ? [scope.tenantId] : []),
    ...memberships.map((m) => m.tenantId),
    ...assignments.map((a) => a.tenantId),
    ...mailboxes.map((m) => m.tenantId),
    ...invitationsReceived.map((i) => i.tenantId),
    ...invitationsSent.map((i) => i.tenantId),
    ...connectLinks.map((l) => l.tenantId),
    ...mail.map((m) => m.tenantId),
    ...campaigns.map((c) => c.tenantId),
    ...[...asActor, ...asTarget].flatMap((e) => (e.tenantId ? [e.tenantId] : [])),
  ]);
  const tenants = await db.tenant.findMany({
    where: { id: { in: [...tenantIds] } },
    select: { id: true, slug: true, name: true },
  });
  const schools = new Map(tenants.map((t) => [t.id, { slug: t.slug, name: t.name }]));
  const school = (tenantId: string | null) => (tenantId ? (schools.get(tenantId) ?? null) : null);
  const entry = (e: (typeof asActor)[number]) => ({
    id: e.id.toString(),
    school: school(e.tenantId),
    time: e.createdAt.toISOString(),
    actor: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    target: e.targetLabel,
    ip: e.ip,
    details: e.details,
  });

  return {
    format: "relais.personal-data/1",
    generatedAt: new Date().toISOString(),
    scope: scope.kind === "platform" ? "platform" : { school: school(scope.tenantId) },
    email,
    account: showAccount
      ? {
          id: user.id,
          email: user.email,
          name: user.name,
          locale: user.locale,
          isOperator: platform ? user.isOperator : undefined,
          hasPassword: user.passwordHash !== null,
          disabledAt: iso(user.disabledAt),
          createdAt: user.createdAt.toISOString(),
          updatedAt: user.updatedAt.toISOString(),
        }
      : null,
    memberships: memberships.map((m) => ({
      school: school(m.tenantId),
      role: m.role,
      since: m.createdAt.toISOString(),
    })),
    mailboxAssignments: assignments.map((a) => ({
      school: school(a.tenantId),
      mailbox: a.mailbox.address,
      since: a.createdAt.toISOString(),
    })),
    mailboxesInTheirName: mailboxes.map((m) => ({
      school: school(m.tenantId),
      address: m.address,
      displayName: m.displayName,
      state: m.state,
      authorizedAccount: m.authorizedAccount,
      delegateAccount: m.delegateAccount,
      connectedAt: iso(m.connectedAt),
      createdAt: m.createdAt.toISOString(),
    })),
    invitationsReceived: invitationsReceived.map((i) => ({
      school: school(i.tenantId),
      role: i.role,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      acceptedAt: iso(i.acceptedAt),
      revokedAt: iso(i.revokedAt),
    })),
    invitationsSent: invitationsSent.map((i) => ({
      school: school(i.tenantId),
      email: i.email,
      role: i.role,
      createdAt: i.createdAt.toISOString(),
    })),
    connectLinksReceived: connectLinks.map((l) => ({
      school: school(l.tenantId),
      mailbox: l.mailbox.address,
      createdAt: l.createdAt.toISOString(),
      expiresAt: l.expiresAt.toISOString(),
      usedAt: iso(l.usedAt),
      revokedAt: iso(l.revokedAt),
    })),
    auditEntries: { asActor: asActor.map(entry), asTarget: asTarget.map(entry) },
    mailQueued: mail.map((m) => ({
      school: school(m.tenantId),
      id: m.id,
      messageId: m.messageId,
      source: m.source,
      from: m.mailbox.address,
      to: m.to,
      cc: m.cc,
      bcc: m.bcc,
      subject: m.bodyPurgedAt ? null : m.subject,
      status: m.status,
      sizeBytes: m.sizeBytes,
      createdAt: m.createdAt.toISOString(),
      sentAt: iso(m.sentAt),
      contentDeletedAt: iso(m.bodyPurgedAt),
      attachments: m.attachments,
    })),
    reconnectCampaignsStarted: campaigns.map((c) => ({
      school: school(c.tenantId),
      name: c.name,
      channel: c.channel,
      linkDays: c.linkDays,
      reminderDays: c.reminderDays,
      createdAt: c.createdAt.toISOString(),
      closedAt: iso(c.closedAt),
    })),
    ...(platform
      ? {
          signInLinks: signInLinks.map((l) => ({
            createdAt: l.createdAt.toISOString(),
            expiresAt: l.expiresAt.toISOString(),
            usedAt: iso(l.usedAt),
          })),
          signInAttempts: signInAttempts.map((a) => ({
            time: a.createdAt.toISOString(),
            ip: a.ip,
            succeeded: a.succeeded,
          })),
          capturedPlatformMail: capturedMail.map((m) => ({
            subject: m.subject,
            createdAt: m.createdAt.toISOString(),
          })),
        }
      : {}),
    notIncluded: NOT_INCLUDED,
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

/**
 * The platform-wide export (the operator's command line), recorded at
 * platform level: who read whose data, and when.
 */
export async function exportPersonalDataForOperator(actor: AuditActor, email: string) {
  const data = await exportPersonalData({ kind: "platform" }, email);
  const db = await getDb();
  await db.$transaction((tx) =>
    recordAudit(
      tx,
      { ...actor, tenantId: null },
      {
        action: "person.exported",
        targetType: "user",
        targetId: data.account?.id ?? null,
        targetLabel: data.email,
      },
    ),
  );
  return data;
}
