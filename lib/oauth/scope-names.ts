import { GRAPH_MAIL_SEND_SCOPE, GRAPH_MAIL_SEND_SHARED_SCOPE, MICROSOFT_SMTP_SCOPE } from "./presets";

// Microsoft reports a delegated scope by its short name as often as by its
// full one: `SMTP.Send` is Exchange Online's (outlook.office.com), `Mail.Send`
// and `Mail.Send.Shared` are Microsoft Graph's.
const SHORT_NAMES = new Map(
  [MICROSOFT_SMTP_SCOPE, GRAPH_MAIL_SEND_SCOPE, GRAPH_MAIL_SEND_SHARED_SCOPE].map((scope) => [
    scope.slice(scope.lastIndexOf("/") + 1).toLowerCase(),
    scope.toLowerCase(),
  ]),
);

/** A scope as compared: lower-cased, with Microsoft's short names written in full. */
export function canonicalScope(scope: string): string {
  const lower = scope.trim().toLowerCase();
  return SHORT_NAMES.get(lower) ?? lower;
}

/** The scopes of `required` that `granted` lacks, in `required`'s order. */
export function scopesLacking(required: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted.map(canonicalScope));
  return required.filter((scope) => !have.has(canonicalScope(scope)));
}
