import Link from "next/link";
import { MailboxForm } from "@/components/mailboxes/mailbox-form";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { listMailboxFormOptions } from "@/lib/mailboxes/list-mailbox-form-options";
import { withMessages } from "@/components/i18n/with-messages";

async function NewMailboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  /** `?configuration=<id>`: that application chosen in advance, when it is one of the school's. */
  searchParams: Promise<{ configuration?: string | string[] }>;
}) {
  const { tenant } = await params;
  const { configuration } = await searchParams;
  const ctx = await requirePageTenant(tenant, "mailboxes.write", `/t/${tenant}/mailboxes/new`);
  const [t, options] = await Promise.all([getTranslator(), listMailboxFormOptions(ctx)]);
  return (
    <div className="max-w-2xl space-y-6">
      <header>
        <Link href={`/t/${ctx.tenantSlug}/mailboxes`} className="text-sm text-brand-700 hover:underline">
          {t("mailboxes.page.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{t("mailboxes.form.title")}</h1>
      </header>
      {options.configurations.length === 0 ? (
        <p className="rounded bg-amber-50 px-3 py-2 text-amber-900" data-testid="mailbox-no-configuration">
          {t("mailboxes.form.noConfiguration")}{" "}
          <Link href={`/t/${ctx.tenantSlug}/clients`} className="underline">
            {t("mailboxes.form.noConfigurationLink")}
          </Link>
        </p>
      ) : (
        <MailboxForm
          tenant={ctx.tenantSlug}
          options={options}
          initialConfigurationId={options.configurations.find((c) => c.id === configuration)?.id}
        />
      )}
    </div>
  );
}

export default withMessages(["clients", "mailboxes"], NewMailboxPage);
