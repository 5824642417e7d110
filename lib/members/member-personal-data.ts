import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { erasePersonalData } from "@/lib/people/erase-personal-data";
import { exportPersonalData } from "@/lib/people/export-personal-data";
import type { MembershipInput } from "./member-schemas";

async function memberOf(ctx: TenantContext, membershipId: string) {
  if (!isUuid(membershipId)) throw notFound();
  const db = await getDb();
  const membership = await db.membership.findFirst({
    where: { id: membershipId, tenantId: ctx.tenantId },
    select: { id: true, user: { select: { email: true } } },
  });
  if (!membership) throw notFound();
  return { membershipId: membership.id, email: membership.user.email };
}

/**
 * What this school holds about one of its members (GDPR article 15), as the
 * JSON the members page downloads; only this school's rows. Audited: reading a
 * person's data is an act on it.
 */
export async function exportMemberData(ctx: TenantContext, membershipId: string) {
  if (!can(ctx, "members.write")) throw forbidden();
  const member = await memberOf(ctx, membershipId);
  const data = await exportPersonalData({ kind: "tenant", tenantId: ctx.tenantId }, member.email);
  const db = await getDb();
  await db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: "member.data_exported",
      targetType: "membership",
      targetId: member.membershipId,
      targetLabel: member.email,
    }),
  );
  return { email: member.email, data };
}

/**
 * Erases a member's personal data from this school (GDPR article 17; see
 * erasePersonalData): refused for oneself and for the last administrator.
 * Their account, if they use Relais elsewhere, is the platform operator's.
 */
export async function eraseMember(ctx: TenantContext, input: MembershipInput) {
  if (!can(ctx, "members.write")) throw forbidden();
  const member = await memberOf(ctx, input.membershipId);
  const summary = await erasePersonalData({ scope: "tenant", ctx }, member.email, {
    membershipId: member.membershipId,
  });
  return { email: member.email, label: summary.label, mailContentDeleted: summary.mailContentDeleted };
}
