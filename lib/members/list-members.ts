import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";

/** The tenant's members and its invitations that are neither accepted nor revoked (expired ones included, to resend). */
export async function listMembers(ctx: TenantContext) {
  if (!can(ctx, "members.read")) throw forbidden();
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { tenantId: ctx.tenantId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
    orderBy: { user: { email: "asc" } },
  });
  const invitations = await db.invitation.findMany({
    where: { tenantId: ctx.tenantId, acceptedAt: null, revokedAt: null },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      createdAt: true,
      invitedBy: { select: { email: true, name: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  const now = new Date();
  return {
    members: memberships.map((m) => ({
      membershipId: m.id,
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      joinedAt: m.createdAt,
    })),
    invitations: invitations.map((i) => ({
      invitationId: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt,
      expired: i.expiresAt <= now,
      invitedAt: i.createdAt,
      invitedBy: i.invitedBy ? { email: i.invitedBy.email, name: i.invitedBy.name } : null,
    })),
  };
}

export type MemberList = Awaited<ReturnType<typeof listMembers>>;
