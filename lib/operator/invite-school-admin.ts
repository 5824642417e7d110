import { z } from "zod";
import type { AuditActor } from "@/lib/audit/record-audit";
import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { schoolLocale } from "@/lib/i18n/locales";
import { isUuid } from "@/lib/ids/is-uuid";
import { createInvitation } from "@/lib/members/create-invitation";
import { inviteMemberInput } from "@/lib/members/member-schemas";
import { sendInvitationMail } from "@/lib/members/send-invitation-mail";

export const inviteSchoolAdminInput = z.object({
  id: z.uuid({ error: "errors.validation.invalid" }),
  email: inviteMemberInput.shape.email,
});
export type InviteSchoolAdminInput = z.infer<typeof inviteSchoolAdminInput>;

/**
 * The platform operator invites a school's administrator (its first, or one
 * more when its admins have left), without the command line. The invitation
 * and its audit entry go to the school's own log, so that its admins see who
 * invited whom; the mail goes in the invitee's language, else the school's.
 * Only operators may: the caller has checked that.
 */
export async function inviteSchoolAdmin(by: AuditActor, input: InviteSchoolAdminInput) {
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  const tenant = await db.tenant.findUnique({
    where: { id: input.id },
    select: { id: true, name: true, locale: true, timeZone: true },
  });
  if (!tenant) throw notFound();
  const invitation = await db.$transaction((tx) =>
    createInvitation(tx, { ...by, tenantId: tenant.id }, { email: input.email, role: "admin" }),
  );
  await sendInvitationMail(
    {
      tenantName: tenant.name,
      tenantLocale: schoolLocale(tenant.locale),
      timeZone: tenant.timeZone,
      userEmail: by.email,
    },
    { ...invitation, role: "admin" },
  );
  return { invitationId: invitation.id, email: invitation.email, tenantName: tenant.name };
}
