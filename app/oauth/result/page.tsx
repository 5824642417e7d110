import type { Metadata } from "next";
import { FlowResultCard } from "@/components/oauth-flow/flow-result-card";
import { getTranslator } from "@/lib/i18n/server";
import { openFlowResult } from "@/lib/oauth-flow/flow-result";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: `${t("connect.result.pageTitle")} · ${t("common.appName")}`, referrer: "no-referrer" };
}

/** Where every authorization attempt ends; what it says comes sealed in `r` (see flow-result.ts). */
export default async function OAuthResultPage({
  searchParams,
}: {
  searchParams: Promise<{ r?: string | string[] }>;
}) {
  const { r } = await searchParams;
  const t = await getTranslator();
  const result = openFlowResult(typeof r === "string" ? r : null);
  if (!result) {
    return (
      <div className="space-y-3" data-testid="oauth-result" data-outcome="stale">
        <h1 className="text-xl font-semibold">{t("connect.result.stale.title")}</h1>
        <p className="text-sm">{t("connect.result.stale.body")}</p>
      </div>
    );
  }
  return <FlowResultCard t={t} result={result} />;
}
