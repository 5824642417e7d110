import { getTranslator } from "@/lib/i18n/server";
import { isMessageKey } from "@/lib/i18n/translate";
import type { RelayCredentialDetails } from "@/lib/relay-credentials/get-relay-credential";

type RelayEvent = RelayCredentialDetails["events"][number];

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";
const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
// `relative` on each scrolling box keeps its tables' visually hidden captions inside it on a phone.

/**
 * A credential's recent sessions and refusals, in words a technician acts on:
 * each refusal says what happened and what to do, with the SMTP answer and
 * the value concerned. A reason this page does not know shows as recorded.
 */
export async function RelayEvents({ events }: { events: RelayEvent[] }) {
  const t = await getTranslator();
  const moment = new Intl.DateTimeFormat(t.locale, { dateStyle: "short", timeStyle: "medium" });
  const sessions = events.filter((event) => event.kind === "session");
  const refusals = events.filter((event) => event.kind === "refusal");
  return (
    <>
      <section aria-labelledby="relay-refusals-heading" className={section} data-testid="relay-refusals">
        <h2 id="relay-refusals-heading" className="text-lg font-semibold">
          {t("relay.detail.refusals.heading")}
        </h2>
        <p className="text-sm text-slate-600">{t("relay.detail.refusals.intro")}</p>
        {refusals.length === 0 ? (
          <p className="text-sm text-slate-600">{t("relay.detail.refusals.empty")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("relay.detail.refusals.caption")}</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className={th}>
                    {t("relay.detail.refusals.columns.reason")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.refusals.columns.when")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.refusals.columns.code")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.refusals.columns.detail")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.refusals.columns.clientIp")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {refusals.map((event) => {
                  const text = `relay.refusals.${event.reason}.text`;
                  const fix = `relay.refusals.${event.reason}.fix`;
                  const known = isMessageKey(text) && isMessageKey(fix);
                  return (
                    <tr
                      key={event.id}
                      className="border-t border-slate-100"
                      data-testid="relay-refusal-row"
                      data-reason={event.reason}
                    >
                      <td className={`${td} min-w-56`}>
                        {known ? (
                          <>
                            <span className="block font-medium">{t(text)}</span>
                            <span className="block text-slate-600">{t(fix)}</span>
                          </>
                        ) : (
                          t("relay.detail.refusals.unknown", { reason: event.reason })
                        )}
                      </td>
                      <td className={`${td} whitespace-nowrap`}>{moment.format(event.createdAt)}</td>
                      <td className={`${td} font-mono`}>{event.code ?? "—"}</td>
                      <td className={`${td} min-w-40 font-mono text-xs break-all`}>{event.detail || "—"}</td>
                      <td className={`${td} font-mono whitespace-nowrap`}>{event.clientIp}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="relay-sessions-heading" className={section} data-testid="relay-sessions">
        <h2 id="relay-sessions-heading" className="text-lg font-semibold">
          {t("relay.detail.sessions.heading")}
        </h2>
        <p className="text-sm text-slate-600">{t("relay.detail.sessions.intro")}</p>
        {sessions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("relay.detail.sessions.empty")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("relay.detail.sessions.caption")}</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className={th}>
                    {t("relay.detail.sessions.columns.started")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.sessions.columns.ended")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.sessions.columns.clientIp")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.sessions.columns.messages")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.detail.sessions.columns.refusals")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((event) => (
                  <tr key={event.id} className="border-t border-slate-100" data-testid="relay-session-row">
                    <td className={`${td} whitespace-nowrap`}>
                      {event.startedAt ? moment.format(event.startedAt) : "—"}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{moment.format(event.createdAt)}</td>
                    <td className={`${td} font-mono whitespace-nowrap`}>{event.clientIp}</td>
                    <td className={td}>{event.messages}</td>
                    <td className={`${td} ${event.refusals > 0 ? "font-semibold text-red-800" : ""}`}>
                      {event.refusals}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
