import type { MessageKey } from "@/lib/i18n/catalog";
import { isMessageKey, type Translator } from "@/lib/i18n/translate";
import { flowOutcomeKeys, type FlowOutcome } from "@/lib/connections/flow-outcomes";
import type { FlowResult } from "./flow-result";

export type ResultTone = "success" | "warning" | "error";

export function resultTone(outcome: FlowOutcome): ResultTone {
  if (outcome === "connected" || outcome === "already_completed") return "success";
  if (outcome === "insufficient_scope" || outcome === "declined") return "warning";
  return "error";
}

/** The title and the sentence a person reads for a result, in their language. */
export function resultMessage(t: Translator, result: FlowResult): { title: string; body: string } {
  const base = `connect.result.${flowOutcomeKeys[result.outcome]}`;
  const bodyKey =
    result.outcome === "wrong_account" && !result.account ? `${base}.bodyUnknown` : `${base}.body`;
  const reason = result.reasonKey && isMessageKey(result.reasonKey) ? t(result.reasonKey) : "";
  const vars = {
    mailbox: result.mailbox ?? "",
    account: result.account ?? "",
    missing: (result.missing ?? []).join(", "),
    code: result.code ?? "—",
    reason,
  };
  return { title: t(`${base}.title` as MessageKey), body: t(bodyKey as MessageKey, vars) };
}
