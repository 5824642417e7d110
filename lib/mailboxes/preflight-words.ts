import type { MessageKey } from "@/lib/i18n/catalog";
import { isMessageKey, type MessageVars } from "@/lib/i18n/translate";
import type { PreflightMessage, PreflightReport, PreflightStatus, PreflightStepName } from "./run-preflight";

/** A preflight step in one language: plain strings, ready to show. */
export interface PreflightStepWords {
  step: PreflightStepName;
  status: PreflightStatus;
  /** The step's name ("SMTP sign-in"). */
  title: string;
  /** "Passed", "Failed", "Not tried". */
  statusLabel: string;
  result: string;
  fix: string | null;
  where: string | null;
  /** The raw code, shown small "for support". */
  code: string | null;
}

/** A server translator or a client component's `useT()`. */
type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** A message's text: states and transports by their names in the reader's language. */
function text(t: Translate, message: PreflightMessage): string {
  const vars: MessageVars = {};
  for (const [name, value] of Object.entries(message.vars ?? {})) {
    const named =
      name === "transport"
        ? `clients.transports.${value}`
        : name === "state"
          ? `mailboxes.states.${value}.label`
          : null;
    vars[name] = named && isMessageKey(named) ? t(named as MessageKey) : value;
  }
  return t(message.key, vars);
}

/** The preflight report's steps in the reader's language. */
export function preflightWords(t: Translate, report: Pick<PreflightReport, "steps">): PreflightStepWords[] {
  return report.steps.map((step) => ({
    step: step.step,
    status: step.status,
    title: t(`mailboxes.preflight.steps.${step.step}`),
    statusLabel: t(`mailboxes.preflight.status.${step.status}`),
    result: text(t, step.result),
    fix: step.fix ? text(t, step.fix) : null,
    where: step.where ? text(t, step.where) : null,
    code: step.code,
  }));
}
