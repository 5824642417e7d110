import { notFound } from "next/navigation";
import { DeviceFlowSection } from "@/components/oauth-flow/device-flow-section";
import { DomainError } from "@/lib/errors/domain-error";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { mailboxPermissionFor } from "@/lib/auth/mailbox-scope";
import { loadDevicePage } from "@/lib/oauth-flow/load-device-page";
import { authorizePath } from "@/lib/oauth-flow/retry-path";
import { returnPathFor } from "@/lib/oauth-flow/return-path";
import { withMessages } from "@/components/i18n/with-messages";

export const dynamic = "force-dynamic";

/** Connect a mailbox with a code typed on another device (RFC 8628), for a signed-in person. */
async function MailboxDevicePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ grant?: string | string[] }>;
}) {
  const { tenant, id } = await params;
  const { grant } = await searchParams;
  const ctx = await requirePageTenant(
    tenant,
    mailboxPermissionFor("connect"),
    `/t/${tenant}/mailboxes/${id}/device`,
  );
  const t = await getTranslator();
  const page = await loadDevicePage(
    { kind: "person", ctx },
    id,
    typeof grant === "string" ? grant : undefined,
    t,
  ).catch((error: unknown) => {
    if (error instanceof DomainError) notFound();
    throw error;
  });
  const pollUrl = page.grant
    ? `/api/oauth/device/${page.grant.id}?tenant=${encodeURIComponent(ctx.tenantSlug)}`
    : "";
  return (
    <DeviceFlowSection
      t={t}
      dates={await getDateConventions(page.timeZone)}
      page={page}
      pollUrl={pollUrl}
      startFields={{ tenant: ctx.tenantSlug, mailbox: page.mailbox.id }}
      browserFlowHref={authorizePath(ctx.tenantSlug, page.mailbox.id)}
      backHref={returnPathFor(ctx, page.mailbox.id, null)}
    />
  );
}

export default withMessages(["connect"], MailboxDevicePage);
