import type { MessageKey } from "@/lib/i18n/catalog";
import { isMessageKey, type MessageVars } from "@/lib/i18n/translate";
import type { PreflightMessage, PreflightReport, PreflightStatus, PreflightStepName } from "./preflight-step";

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
  /** Microsoft's admin-consent address and its words, when consent is what is missing. */
  link: { url: string; label: string } | null;
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

const STEP_NAMES: PreflightStepName[] = ["credentials", "token", "scopes", "smtp", "api"];
const STATUSES: PreflightStatus[] = ["passed", "failed", "skipped"];

/**
 * A stored outcome (Mailbox.lastPreflight) read back: the steps, or null when
 * the JSON is not one Relais wrote, or names a catalog key that no longer exists.
 */
export function storedPreflight(value: unknown): { trigger: string; steps: PreflightReport["steps"] } | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { trigger, steps } = value as { trigger?: unknown; steps?: unknown };
  if (typeof trigger !== "string" || !Array.isArray(steps)) return null;
  const known = (message: unknown) => {
    if (message === null || message === undefined) return true;
    const key = typeof message === "object" ? (message as { key?: unknown }).key : undefined;
    return typeof key === "string" && isMessageKey(key);
  };
  const valid = steps.every(
    (step: Record<string, unknown>) =>
      step &&
      STEP_NAMES.includes(step.step as PreflightStepName) &&
      STATUSES.includes(step.status as PreflightStatus) &&
      step.result != null &&
      known(step.result) &&
      known(step.fix) &&
      known(step.where),
  );
  return valid ? { trigger, steps: steps as PreflightReport["steps"] } : null;
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
    link: step.link ? { url: step.link.url, label: t("mailboxes.preflight.consent.link") } : null,
    code: step.code,
  }));
}
