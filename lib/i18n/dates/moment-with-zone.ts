import type { Translator } from "../translate";
import { formatMoment, type DateConventions } from "./formats";

/** A moment with its zone named, for mail and wherever the reader might assume another zone: "3 Dec 2026, 00:30 (Europe/Paris time)". */
export function momentWithZone(t: Translator, conventions: DateConventions, date: Date): string {
  return t("common.dates.withZone", { moment: formatMoment(conventions, date), zone: conventions.timeZone });
}
