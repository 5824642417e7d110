import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { createInvitation } from "./create-invitation";
import type { InviteMemberInput } from "./member-schemas";
import { sendInvitationMail } from "./send-invitation-mail";

/**
 * Invites an address into the tenant (see createInvitation), then mails the
 * link.
 */
export async function inviteMember(ctx: TenantContext, input: InviteMemberInput) {
  if (!can(ctx, "members.write")) throw forbidden();
  const db = await getDb();
  const invitation = await db.$transaction((tx) => createInvitation(tx, ctx, input));
  // After the commit: a mail cannot be taken back if the transaction failed.
  // Should sending fail, the invitation stays listed and can be sent again.
  await sendInvitationMail(ctx, { ...invitation, role: input.role });
  return { invitationId: invitation.id, email: invitation.email };
}
