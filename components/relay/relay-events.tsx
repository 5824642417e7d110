import { TableSection, tableCell as td } from "@/components/ui/table-section";
import { formatPreciseMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import { getTranslator } from "@/lib/i18n/server";
import { isMessageKey } from "@/lib/i18n/translate";
import type { RelayCredentialDetails } from "@/lib/relay-credentials/get-relay-credential";

type RelayEvent = RelayCredentialDetails["events"][number];

/**
 * A credential's recent sessions and refusals, in words a technician acts on:
 * each refusal says what happened and what to do, with the SMTP answer and
 * the value concerned. A reason this page does not know shows as recorded.
 */
export async function RelayEvents({ events, dates }: { events: RelayEvent[]; dates: DateConventions }) {
  const t = await getTranslator();
  const sessions = events.filter((event) => event.kind === "session");
  const refusals = events.filter((event) => event.kind === "refusal");
  return (
    <>
      <TableSection
        id="relay-refusals-heading"
        testId="relay-refusals"
        heading={t("relay.detail.refusals.heading")}
        intro={t("relay.detail.refusals.intro")}
        caption={t("relay.detail.refusals.caption")}
        empty={t("relay.detail.refusals.empty")}
        columns={[
          t("relay.detail.refusals.columns.reason"),
          t("relay.detail.refusals.columns.when"),
          t("relay.detail.refusals.columns.code"),
          t("relay.detail.refusals.columns.detail"),
          t("relay.detail.refusals.columns.clientIp"),
        ]}
        rows={
          refusals.length === 0
            ? null
            : refusals.map((event) => {
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
                    <td className={`${td} whitespace-nowrap`}>
                      {formatPreciseMoment(dates, event.createdAt)}
                    </td>
                    <td className={`${td} font-mono`}>{event.code ?? "—"}</td>
                    <td className={`${td} min-w-40 font-mono text-xs break-all`}>{event.detail || "—"}</td>
                    <td className={`${td} font-mono whitespace-nowrap`}>{event.clientIp}</td>
                  </tr>
                );
              })
        }
      />
      <TableSection
        id="relay-sessions-heading"
        testId="relay-sessions"
        heading={t("relay.detail.sessions.heading")}
        intro={t("relay.detail.sessions.intro")}
        caption={t("relay.detail.sessions.caption")}
        empty={t("relay.detail.sessions.empty")}
        columns={[
          t("relay.detail.sessions.columns.started"),
          t("relay.detail.sessions.columns.ended"),
          t("relay.detail.sessions.columns.clientIp"),
          t("relay.detail.sessions.columns.messages"),
          t("relay.detail.sessions.columns.refusals"),
        ]}
        rows={
          sessions.length === 0
            ? null
            : sessions.map((event) => (
                <tr key={event.id} className="border-t border-slate-100" data-testid="relay-session-row">
                  <td className={`${td} whitespace-nowrap`}>
                    {event.startedAt ? formatPreciseMoment(dates, event.startedAt) : "—"}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{formatPreciseMoment(dates, event.createdAt)}</td>
                  <td className={`${td} font-mono whitespace-nowrap`}>{event.clientIp}</td>
                  <td className={td}>{event.messages}</td>
                  <td className={`${td} ${event.refusals > 0 ? "font-semibold text-red-800" : ""}`}>
                    {event.refusals}
                  </td>
                </tr>
              ))
        }
      />
    </>
  );
}
