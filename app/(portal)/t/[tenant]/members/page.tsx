import { InviteForm } from "@/components/members/invite-form";
import { InvitationsTable } from "@/components/members/invitations-table";
import { MembersTable } from "@/components/members/members-table";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { formatDay, formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { listMembers } from "@/lib/members/list-members";
import { withMessages } from "@/components/i18n/with-messages";

async function MembersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "members.read", `/t/${tenant}/members`);
  const [t, dates, list] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listMembers(ctx),
  ]);
  const canWrite = can(ctx, "members.write");

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">{t("members.title")}</h1>
        <p className="mt-1 text-slate-600">{t("members.intro", { tenant: ctx.tenantName })}</p>
      </header>
      {canWrite && <InviteForm tenant={ctx.tenantSlug} />}
      <section className="space-y-3" aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t("members.table.title")}
        </h2>
        <MembersTable
          tenant={ctx.tenantSlug}
          tenantName={ctx.tenantName}
          canWrite={canWrite}
          members={list.members.map((m) => ({
            membershipId: m.membershipId,
            email: m.email,
            name: m.name,
            role: m.role,
            joined: formatDay(dates, m.joinedAt),
            isYou: m.userId === ctx.userId,
          }))}
        />
      </section>
      <section className="space-y-3" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          {t("members.invitations.title")}
        </h2>
        <InvitationsTable
          tenant={ctx.tenantSlug}
          canWrite={canWrite}
          invitations={list.invitations.map((i) => ({
            invitationId: i.invitationId,
            email: i.email,
            role: i.role,
            expires: formatMoment(dates, i.expiresAt),
            expired: i.expired,
            invitedBy: i.invitedBy ? i.invitedBy.name || i.invitedBy.email : "",
          }))}
        />
      </section>
    </div>
  );
}

export default withMessages(["members"], MembersPage);
