import { getTranslator } from "@/lib/i18n/server";
import type { ConnectionDetails as Details } from "@/lib/tokens/get-connection-details";

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-3 sm:gap-4" data-testid={testId}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

/**
 * What a person sees about one connection (from getConnectionDetails):
 * state, permissions against those sending needs, token facts, the last
 * error in plain words with its fix, and when the authorization will end
 * where that can be known. Never a token. With `summary`, only the last
 * two, for a page that lists the token facts itself.
 */
export async function ConnectionDetails({
  details,
  summary = false,
}: {
  details: Details;
  summary?: boolean;
}) {
  const t = await getTranslator();
  const moment = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  const when = (date: Date | null) => (date ? moment.format(date) : t("connections.details.never"));
  const healthy = details.state === "connected";
  // The summary adds, to a page that already lists the token facts, what only this component knows.
  if (summary && !details.predictedEnd && !details.lastError) return null;
  return (
    <section aria-labelledby="connection-details-title" className="rounded border border-slate-200 p-4">
      <h2 id="connection-details-title" className="text-lg font-semibold">
        {t("connections.details.title")}
      </h2>
      <dl className="divide-y divide-slate-100">
        {!summary && (
          <>
            <Row label={t("connections.details.state")} testId="connection-state">
              <span className={healthy ? "text-green-800" : "font-medium text-red-800"}>
                {t(`connections.states.${details.state}`)}
              </span>
            </Row>
            {details.authorizedAccount && (
              <Row label={t("connections.details.provider")}>{details.authorizedAccount}</Row>
            )}
            <Row label={t("connections.details.scopes")} testId="connection-scopes">
              {details.scopes.length === 0 ? (
                t("connections.details.noScopes")
              ) : (
                <ul className="space-y-1">
                  {details.scopes.map(({ scope, granted, required }) => (
                    <li key={scope} className={granted ? "" : "font-medium text-red-800"}>
                      <code className="break-all">{scope}</code>{" "}
                      {required && (
                        <span>
                          (
                          {granted
                            ? t("connections.details.scopeGranted")
                            : t("connections.details.scopeMissing")}
                          )
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Row>
            <Row label={t("connections.details.accessTokenExpiry")}>
              {details.accessTokenExpiresAt
                ? moment.format(details.accessTokenExpiresAt)
                : t("connections.details.none")}
            </Row>
            <Row label={t("connections.details.refreshToken")}>
              {details.hasRefreshToken
                ? t("connections.details.refreshTokenHeld")
                : t("connections.details.refreshTokenNone")}
            </Row>
            <Row label={t("connections.details.connectedAt")}>{when(details.connectedAt)}</Row>
            <Row label={t("connections.details.lastRefresh")}>{when(details.lastRefreshAt)}</Row>
            <Row label={t("connections.details.lastUse")}>{when(details.lastUsedAt)}</Row>
          </>
        )}
        {details.predictedEnd && (
          <Row label={t("connections.details.predictedEnd")} testId="connection-predicted-end">
            {t(
              details.predictedEnd.reason === "inactivity"
                ? "connections.details.predictedEndInactivity"
                : "connections.details.predictedEndProvider",
              { date: moment.format(details.predictedEnd.at) },
            )}
          </Row>
        )}
        {details.lastError && (
          <Row label={t("connections.details.lastError")} testId="connection-last-error">
            <p>
              {t(details.lastError.cause)}{" "}
              <span className="text-slate-500">
                ({details.lastError.code}
                {details.lastError.at ? `, ${moment.format(details.lastError.at)}` : ""})
              </span>
            </p>
            <p className="mt-1">
              <span className="font-medium">{t("connections.details.fix")}: </span>
              {t(details.lastError.fix)}
            </p>
          </Row>
        )}
      </dl>
    </section>
  );
}
