import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { newLinkToken, normalizeEmail } from "@/lib/auth/tokens";
import type { DbTransaction } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";
import { invitationLifetimeMs } from "./invitation-state";

export type CreatedInvitation = { id: string; email: string; token: string; expiresAt: Date };

/**
 * Writes an invitation of an address into a school, in the caller's
 * transaction, with its audit entry: a school admin inviting (their context)
 * or the platform operator inviting a school's first admin (an actor and the
 * school). An older pending invitation of the same address is revoked, so
 * that only the newest link works and the admins see one row per person.
 * The token is returned once; only its hash is stored.
 */
export async function createInvitation(
  tx: DbTransaction,
  by: TenantContext | (AuditActor & { tenantId: string }),
  invitee: { email: string; role: TenantRole },
): Promise<CreatedInvitation> {
  const email = normalizeEmail(invitee.email);
  const { token, tokenHash } = newLinkToken();
  // Two invitations of one address at once (a double click) would both
  // find no pending one; this lock makes the second wait for the first.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invite:${by.tenantId}:${email}`}, 0))`;
  const member = await tx.membership.findFirst({
    where: { tenantId: by.tenantId, user: { email } },
    select: { id: true },
  });
  if (member) {
    throw new DomainError("conflict", "errors.invalidInput", undefined, {
      email: "members.invite.alreadyMember",
    });
  }
  const now = new Date();
  const replaced = await tx.invitation.updateMany({
    where: { tenantId: by.tenantId, email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const created = await tx.invitation.create({
    data: {
      tenantId: by.tenantId,
      email,
      role: invitee.role,
      tokenHash,
      invitedById: by.userId,
      expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    },
    select: { id: true, expiresAt: true },
  });
  await recordAudit(tx, by, {
    action: "member.invited",
    targetType: "invitation",
    targetId: created.id,
    targetLabel: email,
    details: { role: invitee.role, replacedInvitations: replaced.count },
  });
  return { id: created.id, email, token, expiresAt: created.expiresAt };
}
