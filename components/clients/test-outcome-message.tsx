"use client";

import { useT } from "@/components/i18n-provider";
import { isClientTestOutcome } from "@/lib/clients/client-test-outcome";

export interface ShownTestResult {
  /** A stored code may predate this version: unknown ones show nothing. */
  outcome: string;
  providerError?: string | null;
  aadsts?: number | null;
  status?: number | null;
}

/** A test's outcome in plain words, with the provider's error code (never its text). */
export function TestOutcomeMessage({ result }: { result: ShownTestResult }) {
  const t = useT();
  if (!isClientTestOutcome(result.outcome)) return null;
  const said =
    result.providerError && result.aadsts
      ? t("clients.test.providerSaidAadsts", { error: result.providerError, code: result.aadsts })
      : result.providerError
        ? t("clients.test.providerSaid", { error: result.providerError })
        : result.status && result.outcome !== "ok"
          ? t("clients.test.status", { status: result.status })
          : null;
  return (
    <>
      <span>{t(`clients.test.outcomes.${result.outcome}`)}</span>
      {said && <span className="mt-1 block text-xs opacity-80">{said}</span>}
    </>
  );
}
