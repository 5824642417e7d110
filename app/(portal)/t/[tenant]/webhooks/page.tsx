import Link from "next/link";
import { TableSection, tableCell as td } from "@/components/ui/table-section";
import { CreateWebhookEndpointForm } from "@/components/webhooks/webhook-endpoint-form";
import {
  badgeClass,
  endpointState,
  endpointStateLabel,
  endpointStateTone,
  eventLabel,
} from "@/components/webhooks/webhook-words";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import type { Translator } from "@/lib/i18n/translate";
import { listWebhookEndpoints, type WebhookEndpointSummary } from "@/lib/webhooks/list-webhook-endpoints";
import { withMessages } from "@/components/i18n/with-messages";

const SPEC_URL = "https://www.standardwebhooks.com/";

function EndpointRow({
  t,
  base,
  endpoint,
  format,
}: {
  t: Translator;
  base: string;
  endpoint: WebhookEndpointSummary;
  format: (date: Date) => string;
}) {
  const state = endpointState(endpoint);
  return (
    <tr className="border-t border-slate-100" data-testid="webhook-row" data-endpoint-id={endpoint.id}>
      <td className={`${td} min-w-48`}>
        <Link
          href={`${base}/${endpoint.id}`}
          className="font-mono text-sm wrap-anywhere text-brand-700 underline"
        >
          {endpoint.url}
        </Link>
        <span className={`block ${endpoint.description ? "text-slate-800" : "text-slate-500 italic"}`}>
          {endpoint.description || t("webhooks.list.noDescription")}
        </span>
      </td>
      <td className={`${td} min-w-44`} data-testid="webhook-state" data-state={state}>
        <span className={`${badgeClass} ${endpointStateTone[state]}`}>
          {endpointStateLabel(t, state, endpoint.failingSince, format)}
        </span>
        {state === "failing" && endpoint.failingSince && (
          <span className="mt-1 block text-xs text-amber-900">
            {t("webhooks.state.failingSince", { date: format(endpoint.failingSince) })}
          </span>
        )}
      </td>
      <td className={`${td} min-w-28`} data-testid="webhook-counts">
        <span className="block">{t("webhooks.list.pending", { count: endpoint.pending })}</span>
        <span className={`block ${endpoint.failed > 0 ? "font-semibold text-red-800" : ""}`}>
          {t("webhooks.list.failed", { count: endpoint.failed })}
        </span>
      </td>
      <td className={`${td} min-w-48`}>
        <ul>
          {endpoint.eventTypes.map((type) => (
            <li key={type}>{eventLabel(t, type)}</li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

async function WebhooksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "webhooks.write", `/t/${tenant}/webhooks`);
  const [t, dates, endpoints] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listWebhookEndpoints(ctx),
  ]);
  const format = (date: Date) => formatMoment(dates, date);
  const base = `/t/${ctx.tenantSlug}/webhooks`;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("webhooks.page.title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("webhooks.page.intro")}</p>
        <p className="max-w-3xl text-slate-700">{t("webhooks.page.signing")}</p>
        <p>
          <a href={SPEC_URL} className="text-sm text-brand-700 underline" rel="noreferrer">
            {t("webhooks.page.specLink")}
          </a>
        </p>
      </header>

      <TableSection
        id="webhook-list-heading"
        testId="webhook-list"
        heading={t("webhooks.list.heading")}
        caption={t("webhooks.list.caption")}
        empty={t("webhooks.list.empty")}
        columns={[
          t("webhooks.list.columns.endpoint"),
          t("webhooks.list.columns.state"),
          t("webhooks.list.columns.deliveries"),
          t("webhooks.list.columns.events"),
        ]}
        rows={
          endpoints.length === 0
            ? null
            : endpoints.map((endpoint) => (
                <EndpointRow key={endpoint.id} t={t} base={base} endpoint={endpoint} format={format} />
              ))
        }
      />

      <CreateWebhookEndpointForm tenant={ctx.tenantSlug} />
    </div>
  );
}

export default withMessages(["webhooks"], WebhooksPage);
