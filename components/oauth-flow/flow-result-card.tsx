import Link from "next/link";
import type { FlowResult } from "@/lib/oauth-flow/flow-result";
import { resultMessage, resultTone } from "@/lib/oauth-flow/result-message";
import type { Translator } from "@/lib/i18n/translate";

const TONES = {
  success: "border-green-200 bg-green-50 text-green-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-900",
} as const;

/** Only this portal's own paths are followed, even from a sealed result. */
const ownPath = (path: string | undefined) =>
  path && path.startsWith("/") && !path.startsWith("//") && !path.includes("\\") ? path : null;

/** How an authorization attempt ended, what is missing, and what to do next. */
export function FlowResultCard({ t, result }: { t: Translator; result: FlowResult }) {
  const { title, body } = resultMessage(t, result);
  const tone = resultTone(result.outcome);
  const retry = ownPath(result.retry);
  const back = ownPath(result.back);
  const done = result.outcome === "connected" || result.outcome === "already_completed";
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold" data-testid="oauth-result-title">
        {title}
      </h1>
      <div
        role={tone === "error" ? "alert" : "status"}
        data-testid="oauth-result"
        data-outcome={result.outcome}
        className={`space-y-2 rounded border px-4 py-3 text-sm ${TONES[tone]}`}
      >
        <p>{body}</p>
        {result.noRefreshToken && (
          <p data-testid="oauth-result-no-refresh">{t("connect.result.connected.noRefreshToken")}</p>
        )}
        {result.missing && result.missing.length > 0 && (
          <ul data-testid="oauth-result-missing" className="list-disc pl-5">
            {result.missing.map((scope) => (
              <li key={scope}>
                <code>{scope}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
      {result.viaLink && (
        <p className="text-sm text-slate-600">
          {t(done ? "connect.result.closeWindow" : "connect.result.reopenLink")}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {retry && (
          <a
            href={retry}
            data-testid="oauth-result-retry"
            className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t(
              result.outcome === "insufficient_scope" ? "connect.result.retryScope" : "connect.result.retry",
            )}
          </a>
        )}
        {back && (
          <Link
            href={back}
            data-testid="oauth-result-back"
            className="rounded border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            {t("connect.result.back")}
          </Link>
        )}
      </div>
    </div>
  );
}
