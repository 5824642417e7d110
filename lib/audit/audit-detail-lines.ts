import type { Prisma } from "@/lib/db/generated/client";
import { calendarDays, formatDay, formatMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import { isMessageKey, type Translator } from "@/lib/i18n/translate";
import { scopeLabelKey } from "@/lib/oauth/scope-label";
import { flowOutcomeTitle } from "@/lib/connections/flow-outcomes";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";

/** One fact of an audit entry in words: "Permissions granted: Send mail over SMTP (Microsoft 365)". */
export interface AuditDetailLine {
  /** The detail's recorded name, kept for support. */
  key: string;
  label: string;
  value: string;
}

type Json = Prisma.JsonValue;

// Ids of rows people do not see by id: left to the JSON "for support".
const INTERNAL_IDS = new Set(["connectLinkId", "sourceId", "userId", "pendingId"]);

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A catalog entry when there is one, else the value as recorded. */
function known(t: Translator, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

/** One recorded value in words, by what the detail holds (and, where a word means two things, by the action). */
function scalarText(
  t: Translator,
  dates: DateConventions,
  action: string,
  key: string,
  value: string,
): string {
  switch (key) {
    case "state":
    case "previousState":
      return action.startsWith("mailbox.") ||
        action.startsWith("connect_link.") ||
        action.startsWith("reconnect_campaign.")
        ? known(t, `mailboxes.states.${value}.label`, value)
        : known(t, `audit.values.invitationState.${value}`, value);
    case "flow":
      return known(t, `audit.values.flow.${value}`, value);
    case "outcome":
      return action === "client.tested"
        ? known(t, `clients.test.outcomes.${value}`, value)
        : (flowOutcomeTitle(t, value) ?? value);
    case "role":
    case "invitedRole":
      return known(t, `common.roles.${value}`, value);
    case "provider":
      return known(t, `clients.providers.${value}`, value);
    case "transport":
      return known(t, `clients.transports.${value}`, value);
    case "fromPolicy":
      return known(t, `relay.policies.${value}.label`, value);
    case "providerRevocation":
      return known(t, `audit.values.providerRevocation.${value}`, value);
    case "clientSecret":
      return known(t, `audit.values.secretChange.${value}`, value);
    case "source":
      return known(t, `audit.values.source.${value}`, value);
    case "code":
      // The cause in words, the code itself beside it for support.
      return t("audit.values.codeWithCause", { cause: t(explainConnectionError(value).cause), code: value });
    case "grantedScopes":
    case "missing": {
      const label = scopeLabelKey(value);
      return label ? t(label) : value;
    }
    case "changed":
      return known(t, `clients.form.${value}`, value);
    case "language":
      return known(t, `common.languageNames.${value}`, value);
    case "channel":
      return known(t, `audit.values.channel.${value}`, value);
  }
  if (action === "mailbox.preflight" && key === "trigger")
    return known(t, `mailboxes.preflight.last.triggers.${value}`, value);
  if (action === "mailbox.preflight" && ["token", "scopes", "smtp", "api"].includes(key)) {
    // Recorded as "passed", "skipped" or "failed: 5.7.139": the outcome in words, the code beside it.
    const [status = value, code] = value.split(": ");
    const words = known(t, `mailboxes.preflight.status.${status}`, status);
    return code ? t("audit.values.withCode", { value: words, code }) : words;
  }
  // An endpoint's events ("mail.sent"…) by their names on the webhooks page.
  if (action.startsWith("webhook_endpoint.") && key === "events")
    return known(t, `webhooks.events.${value}.label`, value);
  if (action === "member.role_changed" && (key === "from" || key === "to"))
    return known(t, `common.roles.${value}`, value);
  if (action === "tenant.language_changed" && (key === "from" || key === "to"))
    return known(t, `common.languageNames.${value}`, value);
  if (ISO_MOMENT.test(value)) return formatMoment(dates, new Date(value));
  // A calendar day is the same day in every zone.
  if (ISO_DAY.test(value)) return formatDay(calendarDays(dates), new Date(`${value}T00:00:00Z`));
  return value;
}

function valueText(t: Translator, dates: DateConventions, action: string, key: string, value: Json): string {
  if (value === null && action.startsWith("reconnect_campaign.") && key === "reminderDays") {
    return t("audit.values.reminderNone");
  }
  if (value === null) return "—";
  if (typeof value === "boolean") return t(value ? "common.yes" : "common.no");
  if (typeof value === "number") return new Intl.NumberFormat(t.locale).format(value);
  if (typeof value === "string") return value === "" ? "—" : scalarText(t, dates, action, key, value);
  if (Array.isArray(value)) {
    return value.length === 0
      ? t("common.none")
      : value.map((item) => valueText(t, dates, action, key, item)).join(", ");
  }
  // { from, to }: a change; anything else, its own facts in a row.
  if ("from" in value || "to" in value) {
    const side = (v: Json | undefined) => (v === undefined ? "—" : valueText(t, dates, action, key, v));
    return t("audit.values.change", { from: side(value.from), to: side(value.to) });
  }
  return Object.entries(value)
    .map(([inner, v]) =>
      t("audit.values.detail", {
        label: auditDetailLabel(t, inner),
        value: valueText(t, dates, action, inner, v ?? null),
      }),
    )
    .join("; ");
}

/** A detail's name in words; a detail without words yet shows as recorded. */
export function auditDetailLabel(t: Translator, key: string): string {
  return known(t, `audit.details.${key}`, key);
}

/**
 * An audit entry's details as lines in the reader's language: each recorded
 * name by its label, each code by its words (states, roles, outcomes,
 * permissions, dates in the school's zone…). The export keeps the JSON as recorded, and the page
 * shows it under "For support".
 */
export function auditDetailLines(
  t: Translator,
  dates: DateConventions,
  action: string,
  details: Json,
): AuditDetailLine[] {
  if (details === null || typeof details !== "object" || Array.isArray(details)) {
    return details === null ? [] : [{ key: "", label: "", value: valueText(t, dates, action, "", details) }];
  }
  return Object.entries(details)
    .filter(([key]) => !INTERNAL_IDS.has(key))
    .map(([key, value]) => ({
      key,
      label: auditDetailLabel(t, key),
      value: valueText(t, dates, action, key, value ?? null),
    }));
}
