import { isMessageKey, type Translator } from "@/lib/i18n/translate";

/** A delivery attempt's outcome in words ("sent" → "Sent"); one without words yet shows as recorded. */
export function attemptOutcomeLabel(t: Translator, outcome: string | null): string {
  const key = `outbox.attemptOutcomes.${outcome ?? "pending"}`;
  return isMessageKey(key) ? t(key) : (outcome ?? "");
}
