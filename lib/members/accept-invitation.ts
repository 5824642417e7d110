import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors/domain-error";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/tenant-context";
import { hashLinkToken } from "@/lib/auth/tokens";
import { getDb, type DbTransaction } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";
import { checkInviteeDetails } from "./check-invitee-details";
import { invitationState } from "./invitation-state";
import { invitationStateError } from "./invitation-state-error";
import type { AcceptInvitationInput } from "./member-schemas";

const higherRole = (a: TenantRole, b: TenantRole): TenantRole =>
  a === "admin" || b === "admin" ? "admin" : "member";

/**
 * Accepts an invitation, once. Without an account the person gets one with
 * the name and password given; an account without a password gets the
 * password; an account with a password must be the one signed in (`signedIn`),
 * since holding the link must not be enough to join as someone else.
 * `signIn` in the answer tells the page to sign in with the new password.
 */
export async function acceptInvitation(
  input: AcceptInvitationInput,
  signedIn: Pick<Actor, "userId"> | null,
  ip: string | null,
) {
  const db = await getDb();
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashLinkToken(input.token) },
    select: {
      id: true,
      tenantId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      tenant: { select: { slug: true, name: true, suspendedAt: true } },
    },
  });
  const state = invitationState(invitation);
  if (!invitation || state !== "valid") throw invitationStateError(state === "valid" ? "unknown" : state);

  const existing = await db.user.findUnique({
    where: { email: invitation.email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  if (existing?.disabledAt) throw new DomainError("forbidden", "members.accept.errors.accountDisabled");
  let details: { name: string; passwordHash: string } | null = null;
  if (existing?.passwordHash) {
    if (!signedIn) throw new DomainError("unauthenticated", "members.accept.errors.signInRequired");
    if (signedIn.userId !== existing.id)
      throw new DomainError("forbidden", "members.accept.errors.wrongAccount");
  } else {
    const { name, password } = checkInviteeDetails(input, !existing);
    // Hashed before the transaction: scrypt is slow, and row locks should not wait for it.
    details = { name, passwordHash: await hashPassword(password) };
  }

  return db.$transaction(async (tx) => {
    const now = new Date();
    // Single use: of two acceptances at once, only one updates the row.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count !== 1) {
      const current = await tx.invitation.findUnique({ where: { id: invitation.id } });
      const currentState = invitationState(current, now);
      throw invitationStateError(currentState === "valid" ? "used" : currentState);
    }
    const user = await settleAccount(tx, invitation.email, existing?.id ?? null, details);
    const role = await settleMembership(tx, invitation.tenantId, user.id, invitation.role);
    await recordAudit(
      tx,
      { tenantId: invitation.tenantId, userId: user.id, email: user.email, ip },
      {
        action: "invitation.accepted",
        targetType: "invitation",
        targetId: invitation.id,
        targetLabel: invitation.email,
        details: { invitedRole: invitation.role, role, newAccount: !existing },
      },
    );
    return {
      tenantSlug: invitation.tenant.slug,
      tenantName: invitation.tenant.name,
      email: user.email,
      signIn: details !== null,
    };
  });
}

async function settleAccount(
  tx: DbTransaction,
  email: string,
  existingId: string | null,
  details: { name: string; passwordHash: string } | null,
): Promise<{ id: string; email: string }> {
  if (!existingId) {
    return tx.user.create({
      data: { email, name: details?.name ?? "", passwordHash: details?.passwordHash ?? null },
      select: { id: true, email: true },
    });
  }
  if (details) {
    // Conditional: a password set meanwhile (another invitation) is never overwritten.
    const { count } = await tx.user.updateMany({
      where: { id: existingId, passwordHash: null },
      data: { passwordHash: details.passwordHash, ...(details.name ? { name: details.name } : {}) },
    });
    if (count !== 1) throw new DomainError("unauthenticated", "members.accept.errors.signInRequired");
  }
  return { id: existingId, email };
}

/** Adds the membership; someone already a member keeps the higher of their role and the invited one. */
async function settleMembership(
  tx: DbTransaction,
  tenantId: string,
  userId: string,
  invitedRole: TenantRole,
): Promise<TenantRole> {
  const current = await tx.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: { role: true },
  });
  if (!current) {
    await tx.membership.create({ data: { tenantId, userId, role: invitedRole } });
    return invitedRole;
  }
  const role = higherRole(current.role, invitedRole);
  if (role !== current.role) {
    await tx.membership.updateMany({ where: { tenantId, userId }, data: { role } });
  }
  return role;
}
