import { formatDay, formatMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import type { MessageVars, Translator } from "@/lib/i18n/translate";
import type { HealthMessage, MailboxHealth, MailboxHealthCode, MailboxHealthTone } from "./mailbox-health";

/** A health line in one language, for a page or the API: plain strings, ready to show. */
export interface MailboxHealthWords {
  code: MailboxHealthCode;
  tone: MailboxHealthTone;
  /** The line itself, with the mail waiting when nothing leaves. */
  headline: string;
  /** Why, when a provider's answer says. */
  cause: string | null;
  /** What to do, for this reader. */
  advice: string | null;
  /** The raw code, shown small "for support". */
  errorCode: string | null;
}

/** A health message's text: dates as the reader writes them (in the school's zone), transports by name. */
export function healthMessageText(t: Translator, dates: DateConventions, message: HealthMessage): string {
  const vars: MessageVars = {};
  for (const [name, value] of Object.entries(message.vars)) {
    if (typeof value === "string" || typeof value === "number") vars[name] = value;
    else if ("day" in value) vars[name] = formatDay(dates, value.day);
    else if ("moment" in value) vars[name] = formatMoment(dates, value.moment);
    else vars[name] = t(`clients.transports.${value.transport}`);
  }
  return t(message.key, vars);
}

/**
 * The health line in the reader's language; `audience` chooses the advice:
 * an admin's (who can fix the school's settings) or the mailbox owner's.
 */
export function mailboxHealthWords(
  t: Translator,
  dates: DateConventions,
  health: MailboxHealth,
  audience: "admin" | "owner" = "admin",
): MailboxHealthWords {
  const line = healthMessageText(t, dates, health.headline);
  return {
    code: health.code,
    tone: health.tone,
    headline:
      health.stopped && health.waitingMail > 0
        ? t("mailboxes.health.withWaiting", { headline: line, count: health.waitingMail })
        : line,
    cause: health.cause ? t(health.cause) : null,
    advice: health.advice ? healthMessageText(t, dates, health.advice[audience]) : null,
    errorCode: health.errorCode,
  };
}
