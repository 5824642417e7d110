import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { WebhookDeliveries } from "@/components/webhooks/webhook-deliveries";
import {
  DeleteWebhookEndpointButton,
  RotateWebhookSecretButton,
  SendTestWebhookButton,
  WebhookEnabledButton,
} from "@/components/webhooks/webhook-endpoint-controls";
import { EditWebhookEndpointForm } from "@/components/webhooks/webhook-endpoint-form";
import {
  badgeClass,
  endpointState,
  endpointStateLabel,
  endpointStateTone,
} from "@/components/webhooks/webhook-words";
import { DomainError } from "@/lib/errors/domain-error";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { PAUSE_FAILING_AFTER_MS } from "@/lib/webhooks/delivery-schedule";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { withMessages } from "@/components/i18n/with-messages";

/** A foreign or malformed id is Next's not-found page, like an endpoint that does not exist. */
async function endpointOrNotFound(...args: Parameters<typeof getWebhookEndpoint>) {
  try {
    return await getWebhookEndpoint(...args);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}

function Card({
  id,
  heading,
  testId,
  children,
}: {
  id: string;
  heading: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={testId}
    >
      <h2 id={id} className="text-lg font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function WebhookEndpointPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await requirePageTenant(tenant, "webhooks.write", `/t/${tenant}/webhooks/${id}`);
  // The query casts the id to uuid: anything else is simply not there.
  if (!UUID.test(id)) notFound();
  const [t, dates, endpoint] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    endpointOrNotFound(ctx, id),
  ]);
  const format = (date: Date) => formatMoment(dates, date);
  const state = endpointState(endpoint);
  const base = `/t/${ctx.tenantSlug}/webhooks`;

  let stateText: string;
  if (state === "paused_failing" && endpoint.failingSince) {
    stateText = t("webhooks.endpoint.statePausedFailing", {
      date: format(endpoint.failingSince),
      pausedDate: format(endpoint.pausedAt ?? endpoint.failingSince),
    });
  } else if (!endpoint.enabled) {
    stateText = t("webhooks.endpoint.statePausedManual", {
      date: endpoint.pausedAt ? format(endpoint.pausedAt) : "—",
    });
  } else if (endpoint.failingSince) {
    stateText = t("webhooks.endpoint.stateFailing", {
      date: format(endpoint.failingSince),
      pauseDate: format(new Date(endpoint.failingSince.getTime() + PAUSE_FAILING_AFTER_MS)),
    });
  } else {
    stateText = t("webhooks.endpoint.stateEnabled");
  }

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <Link href={base} className="text-sm text-brand-700 hover:underline">
          {t("webhooks.endpoint.back")}
        </Link>
        <h1
          className="font-mono text-lg font-semibold break-all sm:text-xl"
          data-testid="webhook-endpoint-url"
        >
          {endpoint.url}
        </h1>
        {endpoint.description && <p className="break-words text-slate-700">{endpoint.description}</p>}
        <p className="text-sm text-slate-600">
          {t("webhooks.endpoint.created", { date: format(endpoint.createdAt) })}
        </p>
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          id="webhook-state-heading"
          heading={t("webhooks.endpoint.stateHeading")}
          testId="webhook-endpoint-state"
        >
          <p>
            <span
              className={`${badgeClass} ${endpointStateTone[state]}`}
              data-testid="webhook-state"
              data-state={state}
            >
              {endpointStateLabel(t, state, endpoint.failingSince, format)}
            </span>
          </p>
          <p className="text-sm text-slate-800" data-testid="webhook-state-text">
            {stateText}
          </p>
          <p className="text-sm text-slate-600" data-testid="webhook-last-success">
            {endpoint.lastSuccessAt
              ? t("webhooks.endpoint.lastSuccess", { date: format(endpoint.lastSuccessAt) })
              : t("webhooks.endpoint.neverDelivered")}
          </p>
          <WebhookEnabledButton tenant={ctx.tenantSlug} id={endpoint.id} enabled={endpoint.enabled} />
        </Card>

        <Card id="webhook-test-heading" heading={t("webhooks.endpoint.testHeading")}>
          <p className="text-sm text-slate-700">{t("webhooks.endpoint.testIntro")}</p>
          <SendTestWebhookButton tenant={ctx.tenantSlug} id={endpoint.id} paused={!endpoint.enabled} />
        </Card>
      </div>

      <WebhookDeliveries
        tenant={ctx.tenantSlug}
        dates={dates}
        endpoint={{ id: endpoint.id, enabled: endpoint.enabled }}
        deliveries={endpoint.deliveries}
      />

      <Card id="webhook-settings-heading" heading={t("webhooks.endpoint.settingsHeading")}>
        <EditWebhookEndpointForm
          tenant={ctx.tenantSlug}
          endpoint={{
            id: endpoint.id,
            url: endpoint.url,
            description: endpoint.description,
            eventTypes: endpoint.eventTypes,
          }}
        />
      </Card>

      <Card
        id="webhook-secret-heading"
        heading={t("webhooks.endpoint.secretHeading")}
        testId="webhook-secret-section"
      >
        <p className="text-sm text-slate-700">{t("webhooks.endpoint.secretIntro")}</p>
        {endpoint.secretOverlapUntil && (
          <p
            className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-950"
            data-testid="webhook-secret-overlap"
          >
            {t("webhooks.endpoint.secretOverlap", { date: format(endpoint.secretOverlapUntil) })}
          </p>
        )}
        <RotateWebhookSecretButton
          tenant={ctx.tenantSlug}
          id={endpoint.id}
          overlapUntil={endpoint.secretOverlapUntil ? format(endpoint.secretOverlapUntil) : null}
        />
      </Card>

      <Card id="webhook-delete-heading" heading={t("webhooks.endpoint.deleteHeading")}>
        <p className="text-sm text-slate-700">{t("webhooks.endpoint.deleteIntro")}</p>
        <DeleteWebhookEndpointButton tenant={ctx.tenantSlug} id={endpoint.id} url={endpoint.url} />
      </Card>
    </div>
  );
}

export default withMessages(["webhooks"], WebhookEndpointPage);
