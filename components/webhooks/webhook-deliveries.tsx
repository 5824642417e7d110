import { Fragment, type ReactNode } from "react";
import { TableSection, tableCell as td } from "@/components/ui/table-section";
import { formatPreciseMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import { getTranslator } from "@/lib/i18n/server";
import type { Translator } from "@/lib/i18n/translate";
import type { WebhookDeliveryView } from "@/lib/webhooks/get-webhook-endpoint";
import { RedeliverWebhookButton } from "./webhook-endpoint-controls";
import { badgeClass, eventLabel, failureText } from "./webhook-words";

type DeliveryStatus = "delivered" | "waiting" | "retry" | "failed";

const tone: Record<DeliveryStatus, string> = {
  delivered: "bg-green-100 text-green-900",
  waiting: "bg-slate-100 text-slate-800",
  retry: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
};

function statusOf(delivery: WebhookDeliveryView): DeliveryStatus {
  if (delivery.status === "delivered") return "delivered";
  if (delivery.status === "failed") return "failed";
  return delivery.attempts > 0 ? "retry" : "waiting";
}

/** Delivered (when), waiting (to be sent, to retry at a time, or for the endpoint to be enabled), or failed after N attempts. */
function StatusCell({
  t,
  delivery,
  endpointEnabled,
  format,
}: {
  t: Translator;
  delivery: WebhookDeliveryView;
  endpointEnabled: boolean;
  format: (date: Date) => string;
}) {
  const status = statusOf(delivery);
  let label: string;
  let detail: string | null = null;
  if (status === "delivered") {
    label = t("webhooks.deliveries.status.delivered");
    if (delivery.deliveredAt)
      detail = t("webhooks.deliveries.status.deliveredAt", { date: format(delivery.deliveredAt) });
  } else if (status === "failed") {
    label = t("webhooks.deliveries.status.failed", { count: delivery.attempts });
  } else if (!endpointEnabled) {
    label = t("webhooks.deliveries.status.waitingPaused");
  } else if (status === "retry" && delivery.nextAttemptAt) {
    label = t("webhooks.deliveries.status.retry", { date: format(delivery.nextAttemptAt) });
  } else {
    label = t("webhooks.deliveries.status.waiting");
  }
  return (
    <td className={`${td} min-w-36`} data-testid="delivery-status" data-status={status}>
      <span className={`${badgeClass} ${tone[status]}`}>{label}</span>
      {detail && <span className="mt-1 block text-xs text-slate-600">{detail}</span>}
    </td>
  );
}

/** The HTTP status of the last answer, or why there was none (or why it was refused) in words. */
function AnswerCell({ t, delivery }: { t: Translator; delivery: WebhookDeliveryView }) {
  let content: ReactNode = "—";
  if (delivery.lastError) {
    const { text, known } = failureText(t, delivery.lastError);
    content = (
      <>
        <span className="block">{text}</span>
        {!known && <code className="block font-mono text-xs text-slate-500">{delivery.lastError}</code>}
      </>
    );
  } else if (delivery.lastStatusCode !== null) {
    content = <span className="font-mono">{delivery.lastStatusCode}</span>;
  }
  return (
    <td
      className={`${td} min-w-44`}
      data-testid="delivery-answer"
      data-code={delivery.lastStatusCode ?? undefined}
      data-error={delivery.lastError ?? undefined}
    >
      {content}
    </td>
  );
}

/**
 * An endpoint's recent deliveries, newest first: what was sent, when, how it
 * went in words, the answer, and the message itself under a disclosure. A
 * delivery that is not waiting can be sent again.
 */
export async function WebhookDeliveries({
  tenant,
  dates,
  endpoint,
  deliveries,
}: {
  tenant: string;
  /** The reader's conventions, in the school's time zone. */
  dates: DateConventions;
  endpoint: { id: string; enabled: boolean };
  deliveries: WebhookDeliveryView[];
}) {
  const t = await getTranslator();
  const format = (date: Date) => formatPreciseMoment(dates, date);
  const number = new Intl.NumberFormat(t.locale);
  return (
    <TableSection
      id="webhook-deliveries-heading"
      testId="webhook-deliveries"
      heading={t("webhooks.deliveries.heading")}
      intro={t("webhooks.deliveries.intro")}
      caption={t("webhooks.deliveries.caption")}
      empty={t("webhooks.deliveries.empty")}
      columns={[
        t("webhooks.deliveries.columns.event"),
        t("webhooks.deliveries.columns.status"),
        t("webhooks.deliveries.columns.when"),
        t("webhooks.deliveries.columns.answer"),
        t("webhooks.deliveries.columns.duration"),
        t("webhooks.deliveries.columns.attempts"),
        t("webhooks.deliveries.columns.actions"),
      ]}
      rows={
        deliveries.length === 0
          ? null
          : deliveries.map((delivery) => {
              const label = eventLabel(t, delivery.type);
              return (
                <Fragment key={delivery.id}>
                  <tr
                    className="border-t border-slate-200"
                    data-testid="webhook-delivery-row"
                    data-delivery-id={delivery.id}
                    data-event-id={delivery.eventId}
                  >
                    <td className={`${td} min-w-32`}>
                      <span className="block font-medium">{label}</span>
                      <code className="block font-mono text-xs text-slate-500">{delivery.type}</code>
                    </td>
                    <StatusCell
                      t={t}
                      delivery={delivery}
                      endpointEnabled={endpoint.enabled}
                      format={format}
                    />
                    <td className={`${td} whitespace-nowrap`}>
                      <time dateTime={delivery.createdAt.toISOString()}>{format(delivery.createdAt)}</time>
                    </td>
                    <AnswerCell t={t} delivery={delivery} />
                    <td className={`${td} whitespace-nowrap`} data-testid="delivery-duration">
                      {delivery.lastDurationMs === null
                        ? "—"
                        : t("webhooks.deliveries.duration", { ms: number.format(delivery.lastDurationMs) })}
                    </td>
                    <td className={td} data-testid="delivery-attempts">
                      {delivery.attempts}
                    </td>
                    <td className={td}>
                      {delivery.status !== "pending" && (
                        <RedeliverWebhookButton
                          tenant={tenant}
                          id={endpoint.id}
                          deliveryId={delivery.id}
                          label={t("webhooks.deliveries.redeliverLabel", {
                            type: label,
                            date: format(delivery.createdAt),
                          })}
                        />
                      )}
                    </td>
                  </tr>
                  {/* The message under its delivery, across the columns, so that it does not widen one of them. */}
                  <tr data-testid="webhook-delivery-payload" data-delivery-id={delivery.id}>
                    <td colSpan={7} className="px-3 pb-3">
                      <details>
                        <summary className="cursor-pointer text-xs text-brand-700 underline">
                          {t("webhooks.deliveries.payload")}
                        </summary>
                        <div className="max-w-[calc(100vw-6rem)] sm:max-w-3xl">
                          <p className="mt-1 font-mono text-xs break-all text-slate-600">
                            {t("webhooks.deliveries.eventId", { id: delivery.eventId })}
                          </p>
                          <pre
                            className="mt-1 rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-800 wrap-anywhere"
                            data-testid="delivery-payload"
                          >
                            {JSON.stringify(delivery.payload, null, 2)}
                          </pre>
                        </div>
                      </details>
                    </td>
                  </tr>
                </Fragment>
              );
            })
      }
    />
  );
}
