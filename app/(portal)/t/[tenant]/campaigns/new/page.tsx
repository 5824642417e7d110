import Link from "next/link";
import { StartCampaignForm } from "@/components/campaigns/start-campaign-form";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { listMailboxFilterOptions } from "@/lib/mailboxes/list-mailbox-filter-options";
import { parseMailboxListQuery } from "@/lib/mailboxes/mailbox-list-query";
import { withMessages } from "@/components/i18n/with-messages";

/** The form, its filter taken from the mailbox list's URL when it came from there ("to reconnect" otherwise). */
async function NewCampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "mailboxes.write", `/t/${tenant}/campaigns/new`);
  const raw = await searchParams;
  const query = parseMailboxListQuery(raw);
  const [t, options] = await Promise.all([getTranslator(), listMailboxFilterOptions(ctx)]);
  const fromList = Object.keys(raw).length > 0;
  const member = options.members.find((m) => m.id === query.memberId) ?? null;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href={`/t/${ctx.tenantSlug}/campaigns`} className="text-brand-700 underline">
            {t("campaigns.list.title")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{t("campaigns.form.title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("campaigns.form.intro")}</p>
      </header>
      <StartCampaignForm
        tenant={ctx.tenantSlug}
        filter={{
          q: query.search,
          state: fromList ? query.state : "needs_reconnect",
          config: query.configurationId,
          provider: query.provider,
          member: member?.id,
        }}
        memberEmail={member?.email ?? null}
        configurations={options.configurations}
      />
    </div>
  );
}

export default withMessages(["clients", "mailboxes", "dashboard", "campaigns"], NewCampaignPage);
