import { ComposeForm } from "@/components/outbox/compose-form";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { formatBytes } from "@/lib/i18n/formats";
import { getTranslator } from "@/lib/i18n/server";
import { listSendableMailboxes } from "@/lib/outbox/list-sendable-mailboxes";
import { maxMessageBytes } from "@/lib/outbox/mail-limits";

export default async function ComposePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "outbox.write", `/t/${tenant}/compose`);
  const [t, mailboxes] = await Promise.all([getTranslator(), listSendableMailboxes(ctx)]);
  const maxSize = formatBytes(t, maxMessageBytes());
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("outbox.compose.title")}</h1>
      <p className="text-slate-600">{t("outbox.compose.intro")}</p>
      {mailboxes.length === 0 ? (
        <p className="rounded bg-amber-50 px-3 py-2 text-amber-900" data-testid="compose-no-mailbox">
          {t("outbox.compose.noMailbox")}
        </p>
      ) : (
        <ComposeForm tenant={ctx.tenantSlug} mailboxes={mailboxes} maxSize={maxSize} />
      )}
    </div>
  );
}
