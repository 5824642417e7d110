import { formatTime, type DateConventions } from "@/lib/i18n/dates/formats";
import type { Translator } from "@/lib/i18n/translate";
import type { DevicePage } from "@/lib/oauth-flow/load-device-page";
import { DeviceFlowPanel } from "./device-flow-panel";
import { DeviceStartForm, type DeviceStartFields } from "./device-start-form";

/** The device page's body, shared by the portal page and the connect-link page. */
export function DeviceFlowSection({
  t,
  dates,
  page,
  pollUrl,
  startFields,
  browserFlowHref,
  backHref,
}: {
  t: Translator;
  /** The reader's conventions, in the school's time zone (page.timeZone). */
  dates: DateConventions;
  page: DevicePage;
  pollUrl: string;
  startFields: DeviceStartFields;
  browserFlowHref: string;
  backHref?: string;
}) {
  const { grant, mailbox } = page;
  return (
    <section aria-labelledby="device-title" className="max-w-2xl space-y-4">
      <h1 id="device-title" className="text-xl font-semibold">
        {t("connect.device.title", { mailbox: mailbox.address })}
      </h1>
      <p className="text-sm text-slate-700">{t("connect.device.intro", { mailbox: mailbox.address })}</p>
      {grant && (
        <DeviceFlowPanel
          pollUrl={pollUrl}
          initial={grant.status}
          qrDataUrl={grant.qrDataUrl}
          expiresAt={t("common.dates.withZone", {
            moment: formatTime(dates, grant.expiresAt),
            zone: dates.timeZone,
          })}
          startFields={startFields}
          browserFlowHref={browserFlowHref}
          backHref={backHref}
        />
      )}
      {!grant && <DeviceStartForm fields={startFields} label={t("connect.device.start")} />}
      {!grant && (
        <p className="text-sm">
          <a href={browserFlowHref} data-testid="device-browser-flow" className="text-brand-700 underline">
            {t("connect.device.browserFlow")}
          </a>
        </p>
      )}
    </section>
  );
}
