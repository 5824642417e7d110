import Link from "next/link";
import { ImportForm } from "@/components/mailboxes/import-form";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { listMailboxFormOptions } from "@/lib/mailboxes/list-mailbox-form-options";
import { mailboxCsvColumns, mailboxCsvLimits } from "@/lib/mailboxes/parse-mailbox-csv";
import { withMessages } from "@/components/i18n/with-messages";

/** An example file built from the tenant's own configuration and members, so that it imports as it is. */
function exampleCsv(configuration: string, members: string[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const rows = [
    mailboxCsvColumns.join(","),
    ["secretariat@school.example", "Secretariat", configuration, members.slice(0, 2).join(";")]
      .map(quote)
      .join(","),
    ["vie-scolaire@school.example", "Vie scolaire", configuration, ""].map(quote).join(","),
  ];
  // The byte order mark makes Excel read the file as UTF-8.
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}

async function ImportMailboxesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "mailboxes.write", `/t/${tenant}/mailboxes/import`);
  const [t, options] = await Promise.all([getTranslator(), listMailboxFormOptions(ctx)]);
  const example = exampleCsv(
    options.configurations[0]?.name ?? "Google Workspace",
    options.members.map((m) => m.email),
  );
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <Link href={`/t/${ctx.tenantSlug}/mailboxes`} className="text-sm text-brand-700 hover:underline">
          {t("mailboxes.page.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{t("mailboxes.import.title")}</h1>
        <p className="mt-1 text-slate-600">{t("mailboxes.import.intro")}</p>
      </header>
      <section
        aria-labelledby="columns-heading"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="columns-heading" className="font-semibold">
          {t("mailboxes.import.columnsTitle")}
        </h2>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          {mailboxCsvColumns.map((column) => (
            <div key={column} className="contents">
              <dt className="font-mono">{column}</dt>
              <dd>{t(`mailboxes.import.columns.${column}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600">
          {t("mailboxes.import.format", { rows: mailboxCsvLimits.maxRows.toLocaleString(t.locale) })}
        </p>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(example)}`}
          download={t("mailboxes.import.exampleFile")}
          data-testid="import-example"
          className="inline-block text-sm text-brand-700 underline"
        >
          {t("mailboxes.import.example")}
        </a>
      </section>
      <ImportForm tenant={ctx.tenantSlug} />
    </div>
  );
}

export default withMessages(["mailboxes"], ImportMailboxesPage);
