import { hashLinkToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";
import { invitationState, type InvitationState } from "./invitation-state";

/** What the invitee has: no account, an account without a password yet, or one to sign in with. */
export type InviteeAccount = "new" | "needs_password" | "has_password";

export type InvitationView =
  | { state: "unknown" }
  | {
      state: Exclude<InvitationState, "unknown">;
      tenantName: string;
      tenantSlug: string;
      email: string;
      role: TenantRole;
      expiresAt: Date;
      account: InviteeAccount;
      /** The existing account's name, to prefill the form. */
      name: string;
    };

/** Tells what an invitation link is worth without using it up (mail scanners open links). */
export async function inspectInvitation(token: string): Promise<InvitationView> {
  const db = await getDb();
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      tenant: { select: { name: true, slug: true, suspendedAt: true } },
    },
  });
  const state = invitationState(invitation);
  if (!invitation || state === "unknown") return { state: "unknown" };
  const user = await db.user.findUnique({
    where: { email: invitation.email },
    select: { name: true, passwordHash: true },
  });
  return {
    state,
    tenantName: invitation.tenant.name,
    tenantSlug: invitation.tenant.slug,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    account: !user ? "new" : user.passwordHash ? "has_password" : "needs_password",
    name: user?.name ?? "",
  };
}
