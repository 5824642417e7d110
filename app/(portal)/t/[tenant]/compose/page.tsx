import { ComposeForm } from "@/components/outbox/compose-form";
import { senderWords } from "@/components/outbox/sender-options";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { formatBytes } from "@/lib/i18n/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { listSenderMailboxes } from "@/lib/outbox/list-sender-mailboxes";
import { maxMessageBytes } from "@/lib/outbox/mail-limits";
import { withMessages } from "@/components/i18n/with-messages";

async function ComposePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "outbox.write", `/t/${tenant}/compose`);
  const [t, dates, mailboxes, query] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listSenderMailboxes(ctx),
    searchParams,
  ]);
  const maxSize = formatBytes(t, maxMessageBytes());
  const canManage = can(ctx, "mailboxes.write");
  const senders = mailboxes.map((mailbox) =>
    senderWords(t, mailbox, {
      tenant: ctx.tenantSlug,
      canManage,
      dates,
      // After connecting it, "Back" comes here with this mailbox chosen.
      returnTo: `/t/${ctx.tenantSlug}/compose?mailbox=${mailbox.id}`,
    }),
  );
  // The mailbox asked for (coming back from connecting it), else the first that sends, else one that holds.
  const asked = typeof query.mailbox === "string" ? query.mailbox : null;
  const initial =
    senders.find((s) => s.id === asked) ??
    senders.find((s) => s.verdict === "send") ??
    senders.find((s) => s.verdict === "hold") ??
    senders[0];
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("outbox.compose.title")}</h1>
      <p className="text-slate-600">{t("outbox.compose.intro")}</p>
      {!initial ? (
        <p className="rounded bg-amber-50 px-3 py-2 text-amber-900" data-testid="compose-no-mailbox">
          {t("outbox.compose.noMailbox")}
        </p>
      ) : (
        <ComposeForm
          tenant={ctx.tenantSlug}
          mailboxes={senders}
          initialMailboxId={initial.id}
          maxSize={maxSize}
          draftOwner={`${ctx.tenantSlug}:${ctx.userId}`}
        />
      )}
    </div>
  );
}

export default withMessages(["mailboxes", "outbox"], ComposePage);
