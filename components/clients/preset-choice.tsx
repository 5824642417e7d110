import Link from "next/link";
import type { Translator } from "@/lib/i18n/translate";

const cardClass = "block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600";

/**
 * The first step of a new configuration: which provider the application is
 * registered at. Plain links and a GET form, so that the choice lands in the
 * URL (`?preset=…`) and the server fills the form from lib/oauth/presets.ts.
 */
export function PresetChoice({
  t,
  basePath,
  platformOffered,
  directory,
  directoryError,
}: {
  t: Translator;
  basePath: string;
  platformOffered: boolean;
  directory: string;
  /** Already translated. */
  directoryError?: string;
}) {
  const directoryId = "client-directory-input";
  return (
    <section aria-labelledby="preset-choice-title" className="space-y-3">
      <h2 id="preset-choice-title" className="text-lg font-semibold">
        {t("clients.new.choose")}
      </h2>
      <ul className="grid gap-3 md:grid-cols-2">
        <li>
          <Link href={`${basePath}?preset=google`} className={cardClass} data-testid="client-preset-google">
            <span className="block font-medium">{t("clients.new.google.title")}</span>
            <span className="mt-1 block text-sm text-slate-600">{t("clients.new.google.description")}</span>
          </Link>
        </li>
        <li>
          <form method="get" action={basePath} className="rounded-lg border border-slate-200 bg-white p-4">
            <input type="hidden" name="preset" value="microsoft" />
            <span className="block font-medium">{t("clients.new.microsoft.title")}</span>
            <span className="mt-1 block text-sm text-slate-600">
              {t("clients.new.microsoft.description")}
            </span>
            <label htmlFor={directoryId} className="mt-3 block text-sm font-medium text-slate-800">
              {t("clients.new.microsoft.directory")}
            </label>
            <input
              id={directoryId}
              name="directory"
              defaultValue={directory}
              required
              spellCheck={false}
              data-testid="client-directory"
              aria-invalid={directoryError ? true : undefined}
              aria-describedby={`${directoryId}-hint${directoryError ? ` ${directoryId}-error` : ""}`}
              className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600"
            />
            <p id={`${directoryId}-hint`} className="mt-1 text-xs text-slate-500">
              {t("clients.new.microsoft.directoryHint")}
            </p>
            {directoryError && (
              <p id={`${directoryId}-error`} role="alert" className="mt-1 text-sm text-red-700">
                {directoryError}
              </p>
            )}
            <button
              type="submit"
              data-testid="client-preset-microsoft"
              className="mt-3 rounded bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t("clients.new.microsoft.submit")}
            </button>
          </form>
        </li>
        {platformOffered && (
          <li>
            <Link
              href={`${basePath}?preset=platform`}
              className={cardClass}
              data-testid="client-preset-platform"
            >
              <span className="block font-medium">{t("clients.new.platform.title")}</span>
              <span className="mt-1 block text-sm text-slate-600">
                {t("clients.new.platform.description")}
              </span>
            </Link>
          </li>
        )}
        <li>
          <Link href={`${basePath}?preset=custom`} className={cardClass} data-testid="client-preset-custom">
            <span className="block font-medium">{t("clients.new.custom.title")}</span>
            <span className="mt-1 block text-sm text-slate-600">{t("clients.new.custom.description")}</span>
          </Link>
        </li>
      </ul>
    </section>
  );
}
