import type { DateConventions } from "@/lib/i18n/dates/formats";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import type { MessageKey } from "@/lib/i18n/catalog";
import type { Translator } from "@/lib/i18n/translate";
import type { HealthMessage } from "@/lib/mailbox-health/mailbox-health";
import { healthMessageText } from "@/lib/mailbox-health/mailbox-health-words";
import type { SendingVerdict } from "./sending-verdict";

/** What the compose page or the test mail button says once a mail is queued: sent soon, or held and why. */
export interface PortalQueueAnswer {
  /** success: it leaves as soon as it can; warning: it waits, held, for what `message` says. */
  tone: "success" | "warning";
  message: HealthMessage;
}

/** The mailbox a portal mail leaves from, as the answer names it. */
export interface AnsweredMailbox {
  address: string;
  pausedUntil: Date | null;
  verdict: SendingVerdict;
}

/**
 * The answer to a mail queued from the portal, from the status the queue
 * gave it and the verdict read from its mailbox's health just before: a
 * held mail says what it waits for ("until … is reconnected", "until it is
 * connected"), never that its mailbox "can send again" when it never could.
 */
export function portalQueueAnswer(
  status: OutgoingMailStatus,
  mailbox: AnsweredMailbox,
  kind: "compose" | "test",
): PortalQueueAnswer {
  if (status !== "held") {
    const key: MessageKey = kind === "test" ? "outbox.testMail.queued" : "outbox.compose.queued";
    return { tone: "success", message: { key, vars: {} } };
  }
  // The mailbox broke between the check and the queuing: held, for a reason not known here.
  if (mailbox.verdict.kind !== "hold")
    return { tone: "warning", message: { key: "outbox.compose.held", vars: {} } };
  return { tone: "warning", message: waitMessage("held", mailbox) };
}

/**
 * What a mail queued from this held mailbox waits for: `before` queuing (the
 * compose page's warning) or once `held`. Only for a mailbox whose verdict
 * is "hold".
 */
export function waitMessage(when: "before" | "held", mailbox: AnsweredMailbox): HealthMessage {
  const reason = mailbox.verdict.kind === "hold" ? mailbox.verdict.reason : "reconnect";
  const vars: HealthMessage["vars"] = { address: mailbox.address };
  if (reason === "paused" && mailbox.pausedUntil) vars.moment = { moment: mailbox.pausedUntil };
  return { key: `outbox.sendability.${when}.${reason}`, vars };
}

/** The server action's answer: the mail, and the words to show (already in the person's language). */
export function portalQueueAnswerWords(
  t: Translator,
  dates: DateConventions,
  mail: { id: string; status: OutgoingMailStatus; messageId: string },
  answer: PortalQueueAnswer,
) {
  return {
    id: mail.id,
    status: mail.status,
    messageId: mail.messageId,
    tone: answer.tone,
    /** The catalog key of `message`, for programs and tests. */
    messageKey: answer.message.key,
    message: healthMessageText(t, dates, answer.message),
  };
}
