import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { normalizeEmail } from "@/lib/auth/tokens";
import { getDb, type DbTransaction } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { lockAdminMemberships } from "./lock-admin-memberships";
import { cancelMailOfErasedSender } from "@/lib/outbox/cancel-mail-of-erased-sender";
import { purgeMailBodiesNow } from "@/lib/outbox/purge-mail-bodies";
import { erasedUserLabel, inScope, type PersonalDataScope } from "./personal-data-scope";

/** What an erasure changed, for the person who asked and for the audit entry (counts only). */
export interface ErasureSummary {
  /** The name the person's audit entries now carry. */
  label: string;
  accountDeleted: boolean;
  membershipsRemoved: number;
  assignmentsRemoved: number;
  invitationsDeleted: number;
  auditEntriesPseudonymised: number;
  mailCancelled: number;
  mailContentDeleted: number;
  signInAttemptsDeleted: number;
  capturedMailDeleted: number;
  /** Mailboxes whose address is the person's: the school's, so kept (docs/personal-data.md). */
  mailboxesKept: string[];
}

/** Who performs an erasure: a school's admin (tenant scope) or the operator's command line (platform). */
export type Eraser = { scope: "tenant"; ctx: TenantContext } | { scope: "platform"; actor: AuditActor };

function tenantFilter(scope: PersonalDataScope, column: string): Prisma.Sql {
  return scope.kind === "tenant"
    ? Prisma.sql`AND ${Prisma.raw(column)} = ${scope.tenantId}::uuid`
    : Prisma.empty;
}

/**
 * Replaces the person's address in the scope's audit entries by `label`, as
 * actor (their own acts, and acts recorded under their address without an
 * account, such as a connect link's holder), as target and inside details;
 * the entries themselves stay (docs/personal-data.md says why). The actor id
 * is cleared too, so that the entries no longer lead to an account.
 */
async function pseudonymiseAudit(
  tx: DbTransaction,
  scope: PersonalDataScope,
  email: string,
  userId: string | null,
  label: string,
): Promise<number> {
  const byTenant = tenantFilter(scope, `"tenantId"`);
  const asActor = await tx.$executeRaw`
    UPDATE "AuditEntry" SET "actorLabel" = ${label}, "actorId" = NULL
     WHERE (${userId === null ? Prisma.sql`FALSE` : Prisma.sql`"actorId" = ${userId}::uuid`}
            OR ("actorId" IS NULL AND lower("actorLabel") = ${email})) ${byTenant}`;
  const asTarget = await tx.$executeRaw`
    UPDATE "AuditEntry" SET "targetLabel" = ${label}
     WHERE lower("targetLabel") = ${email} ${byTenant}`;
  // The address as a whole JSON string value ("…"), never as part of a longer one.
  const quoted = JSON.stringify(email);
  await tx.$executeRaw`
    UPDATE "AuditEntry" SET details = replace(details::text, ${quoted}, ${JSON.stringify(label)})::jsonb
     WHERE details IS NOT NULL AND strpos(details::text, ${quoted}) > 0 ${byTenant}`;
  return asActor + asTarget;
}

/**
 * Erases a person's personal data (GDPR article 17) in one transaction, in
 * a school (its admin) or across the platform (the operator):
 * - refuses when they are the last administrator of a school in the scope;
 * - their audit entries stay, under a pseudonym (pseudonymiseAudit);
 * - mail they queued: still waiting (queued, held) is cancelled; the subject,
 *   body and attachments of every finished one are deleted now; the delivery
 *   record stays, no longer linked to them;
 * - invitations to them, connect links' record of their address, and the
 *   links from the school's objects (API keys, relay credentials, webhooks,
 *   reports, connect links, invitations they created) to them are removed;
 * - school: their membership and mailbox assignments there go; their account,
 *   if they use Relais elsewhere, is not the school's to erase and stays;
 * - platform: also their sign-in attempts and captured platform mail, and
 *   the account itself (memberships, assignments, sign-in links with it).
 * Recorded as `member.erased` in each school concerned and, for the platform,
 * `person.erased` at platform level, under the pseudonym.
 */
export async function erasePersonalData(
  by: Eraser,
  rawEmail: string,
  options: { membershipId?: string } = {},
): Promise<ErasureSummary> {
  const email = normalizeEmail(rawEmail);
  const scope: PersonalDataScope =
    by.scope === "tenant" ? { kind: "tenant", tenantId: by.ctx.tenantId } : { kind: "platform" };
  const where = inScope(scope);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    const userId = user?.id ?? null;
    if (by.scope === "tenant" && userId === by.ctx.userId) {
      throw new DomainError("conflict", "members.personalData.eraseSelf");
    }
    const memberships = userId
      ? await tx.membership.findMany({
          where: { userId, ...where },
          select: { id: true, tenantId: true, role: true, tenant: { select: { name: true } } },
          orderBy: { tenantId: "asc" },
        })
      : [];
    if (
      by.scope === "tenant" &&
      options.membershipId &&
      !memberships.some((m) => m.id === options.membershipId)
    ) {
      throw notFound();
    }

    // Locked school by school, in id order (as every caller of lockAdminMemberships), then checked.
    const lastAdminOf: string[] = [];
    for (const membership of memberships.filter((m) => m.role === "admin")) {
      const adminIds = await lockAdminMemberships(tx, membership.tenantId);
      if (!adminIds.some((id) => id !== membership.id)) lastAdminOf.push(membership.tenant.name);
    }
    if (lastAdminOf.length > 0) {
      if (by.scope === "tenant") throw new DomainError("conflict", "members.personalData.lastAdmin");
      throw new DomainError("conflict", "members.personalData.lastAdminOf", {
        email,
        schools: lastAdminOf.join(", "),
      });
    }

    const label = erasedUserLabel(userId ?? email);
    const auditEntriesPseudonymised = await pseudonymiseAudit(tx, scope, email, userId, label);

    let mailCancelled = 0;
    let mailContentDeleted = 0;
    if (userId) {
      mailCancelled = await cancelMailOfErasedSender(
        tx,
        userId,
        scope.kind === "tenant" ? scope.tenantId : null,
      );
      const theirs = await tx.outgoingMail.findMany({
        where: { createdById: userId, ...where },
        select: { id: true },
      });
      mailContentDeleted = await purgeMailBodiesNow(
        tx,
        scope.kind === "tenant" ? scope.tenantId : null,
        theirs.map((m) => m.id),
      );
      // What the school keeps of their mail, and of what they created, no longer leads to them.
      await tx.outgoingMail.updateMany({
        where: { createdById: userId, ...where },
        data: { createdById: null },
      });
      await tx.apiKey.updateMany({ where: { createdById: userId, ...where }, data: { createdById: null } });
      await tx.relayCredential.updateMany({
        where: { createdById: userId, ...where },
        data: { createdById: null },
      });
      await tx.webhookEndpoint.updateMany({
        where: { createdById: userId, ...where },
        data: { createdById: null },
      });
      await tx.migrationImport.updateMany({
        where: { importedById: userId, ...where },
        data: { importedById: null },
      });
      await tx.connectLink.updateMany({
        where: { createdById: userId, ...where },
        data: { createdById: null },
      });
      await tx.reconnectCampaign.updateMany({
        where: { createdById: userId, ...where },
        data: { createdById: null, createdByLabel: label },
      });
      await tx.invitation.updateMany({
        where: { invitedById: userId, ...where },
        data: { invitedById: null },
      });
      await tx.oAuthAuthorization.deleteMany({ where: { userId, ...where } });
      await tx.deviceAuthorization.deleteMany({ where: { userId, ...where } });
    }
    const sameAddress = { equals: email, mode: "insensitive" } as const;
    await tx.connectLink.updateMany({ where: { sentTo: sameAddress, ...where }, data: { sentTo: null } });
    const { count: invitationsDeleted } = await tx.invitation.deleteMany({
      where: { email: sameAddress, ...where },
    });
    const mailboxesKept = (
      await tx.mailbox.findMany({ where: { address: email, ...where }, select: { address: true } })
    ).map((m) => m.address);

    const assignmentsRemoved = userId
      ? (await tx.mailboxAssignment.deleteMany({ where: { userId, ...where } })).count
      : 0;
    let signInAttemptsDeleted = 0;
    let capturedMailDeleted = 0;
    let accountDeleted = false;
    if (scope.kind === "tenant") {
      if (userId) await tx.membership.deleteMany({ where: { userId, ...where } });
    } else {
      ({ count: signInAttemptsDeleted } = await tx.signInAttempt.deleteMany({ where: { email } }));
      ({ count: capturedMailDeleted } = await tx.capturedMail.deleteMany({ where: { to: sameAddress } }));
      if (userId) {
        await tx.user.delete({ where: { id: userId } });
        accountDeleted = true;
      }
    }

    const summary: ErasureSummary = {
      label,
      accountDeleted,
      membershipsRemoved: memberships.length,
      assignmentsRemoved,
      invitationsDeleted,
      auditEntriesPseudonymised,
      mailCancelled,
      mailContentDeleted,
      signInAttemptsDeleted,
      capturedMailDeleted,
      mailboxesKept,
    };
    // The entries name the pseudonym, never the address: they would undo the erasure.
    const details = {
      membershipRemoved: true,
      assignmentsRemoved,
      invitationsDeleted,
      auditEntriesPseudonymised,
      mailCancelled,
      mailContentDeleted,
    };
    if (by.scope === "tenant") {
      const membership = memberships[0];
      await recordAudit(tx, by.ctx, {
        action: "member.erased",
        targetType: "membership",
        targetId: membership?.id ?? null,
        targetLabel: label,
        details: { ...details, membershipRemoved: membership !== undefined },
      });
    } else {
      for (const membership of memberships) {
        await recordAudit(
          tx,
          { ...by.actor, tenantId: membership.tenantId },
          {
            action: "member.erased",
            targetType: "membership",
            targetId: membership.id,
            targetLabel: label,
            details: { membershipRemoved: true, byPlatformOperator: true },
          },
        );
      }
      await recordAudit(
        tx,
        { ...by.actor, tenantId: null },
        {
          action: "person.erased",
          targetType: "user",
          targetId: userId,
          targetLabel: label,
          details: {
            accountDeleted,
            membershipsRemoved: memberships.length,
            assignmentsRemoved,
            invitationsDeleted,
            auditEntriesPseudonymised,
            mailCancelled,
            mailContentDeleted,
            signInAttemptsDeleted,
            capturedMailDeleted,
          },
        },
      );
    }
    return summary;
  });
}
