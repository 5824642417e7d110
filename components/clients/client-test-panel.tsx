"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { useFormAction } from "@/components/ui/use-form-action";
import { testClientConfigurationAction } from "@/lib/clients/client-actions";
import { TestOutcomeMessage } from "./test-outcome-message";

/** "Test this configuration", and what the last test said. */
export function ClientTestPanel({
  tenant,
  id,
  canTest,
  lastTest,
}: {
  tenant: string;
  id: string;
  canTest: boolean;
  /** The stored outcome, with its moment already formatted. */
  lastTest: { when: string; outcome: string } | null;
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(testClientConfigurationAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  const shown = result?.ok
    ? { ok: result.data.success, body: <TestOutcomeMessage result={result.data} /> }
    : result
      ? { ok: false, body: <span>{result.message}</span> }
      : lastTest
        ? {
            ok: lastTest.outcome === "ok",
            body: (
              <>
                <span className="mr-1">{t("clients.test.lastTested", { when: lastTest.when })}</span>
                <TestOutcomeMessage result={{ outcome: lastTest.outcome }} />
              </>
            ),
          }
        : null;
  return (
    <section
      aria-labelledby="client-test-title"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="client-test-title" className="text-lg font-semibold">
        {t("clients.test.button")}
      </h2>
      <p className="text-sm text-slate-600">{t("clients.test.explanation")}</p>
      {canTest && (
        <form onSubmit={onSubmit}>
          <input type="hidden" name="tenant" value={tenant} />
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            data-testid="client-test"
            disabled={pending}
            className="rounded border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50 disabled:opacity-60"
          >
            {pending ? t("clients.test.running") : t("clients.test.button")}
          </button>
        </form>
      )}
      <div
        role="status"
        data-testid="client-test-result"
        data-outcome={result?.ok ? result.data.outcome : (lastTest?.outcome ?? "")}
        className={
          !shown
            ? "text-sm text-slate-600"
            : shown.ok
              ? "rounded bg-green-50 px-3 py-2 text-sm text-green-900"
              : "rounded bg-red-50 px-3 py-2 text-sm text-red-900"
        }
      >
        {shown ? shown.body : t("clients.test.never")}
      </div>
    </section>
  );
}
