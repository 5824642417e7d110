import type { MessageKey } from "@/lib/i18n/catalog";
import { formatMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import { getTranslator } from "@/lib/i18n/server";
import type { ConnectionDetails as Details } from "@/lib/tokens/get-connection-details";
import type { PredictedGrantEnd } from "@/lib/connections/stored-grant-end";

const PREDICTED_END_WORDS = {
  inactivity: "connections.details.predictedEndInactivity",
  provider: "connections.details.predictedEndProvider",
  testing: "connections.details.predictedEndTesting",
} as const satisfies Record<PredictedGrantEnd["reason"], MessageKey>;

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-3 sm:gap-4" data-testid={testId}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-words text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

/**
 * The token facts of one connection (from getConnectionDetails), folded
 * under "Technical details" for IT staff: the health line above says what
 * they mean. The access token's hour is here, not up there, because it is
 * renewed by itself and is not the end of anything. Never a token.
 */
export async function ConnectionDetails({
  details,
  dates,
  reconnectHref,
}: {
  details: Details;
  /** The reader's conventions, in the school's time zone. */
  dates: DateConventions;
  /** A healthy connection may still be connected again (another account, permissions granted anew). */
  reconnectHref?: string;
}) {
  const t = await getTranslator();
  const when = (date: Date | null) => (date ? formatMoment(dates, date) : t("connections.details.never"));
  return (
    <details data-testid="mailbox-technical" className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">{t("connections.details.title")}</summary>
      <dl className="mt-2 divide-y divide-slate-100">
        {details.authorizedAccount && (
          <Row label={t("connections.details.provider")}>{details.authorizedAccount}</Row>
        )}
        <Row label={t("connections.details.connectedAt")}>{when(details.connectedAt)}</Row>
        <Row label={t("connections.details.lastRefresh")}>{when(details.lastRefreshAt)}</Row>
        <Row label={t("connections.details.lastUse")}>{when(details.lastUsedAt)}</Row>
        <Row label={t("connections.details.refreshToken")}>
          {details.hasRefreshToken
            ? t("connections.details.refreshTokenHeld")
            : t("connections.details.refreshTokenNone")}
        </Row>
        <Row label={t("connections.details.predictedEnd")} testId="connection-predicted-end">
          {details.predictedEnd
            ? t(PREDICTED_END_WORDS[details.predictedEnd.reason], {
                date: formatMoment(dates, details.predictedEnd.at),
              })
            : details.hasRefreshToken
              ? t("connections.details.predictedEndUnknown")
              : t("connections.details.none")}
        </Row>
        <Row label={t("connections.details.accessTokenExpiry")} testId="connection-access-token">
          {details.accessTokenExpiresAt ? (
            <>
              {formatMoment(dates, details.accessTokenExpiresAt)}
              <span className="block text-xs text-slate-500">{t("connections.details.accessTokenNote")}</span>
            </>
          ) : (
            t("connections.details.none")
          )}
        </Row>
        {details.lastError && (
          <Row label={t("connections.details.lastError")} testId="connection-last-error">
            <p>{t(details.lastError.cause)}</p>
            <p className="mt-1">{t(details.lastError.fix)}</p>
            <p className="mt-1 text-xs text-slate-500">
              {t("mailboxes.health.support")} <code className="break-all">{details.lastError.code}</code>
              {details.lastError.at ? ` · ${formatMoment(dates, details.lastError.at)}` : ""}
            </p>
          </Row>
        )}
      </dl>
      {reconnectHref && (
        <p className="mt-3 text-sm">
          {/* A plain link: the authorization route redirects to the provider. */}
          <a href={reconnectHref} className="text-brand-700 underline" data-testid="mailbox-reconnect-anyway">
            {t("connections.details.reconnectAnyway")}
          </a>
        </p>
      )}
    </details>
  );
}
