import { IntlMessageFormat } from "intl-messageformat";
import type { Locale } from "./locales";

export type MessageVars = Record<string, string | number>;

/**
 * Messages are ICU MessageFormat, formatted by intl-messageformat:
 * `{name}` placeholders and plural forms
 * `{count, plural, one {# mailbox} other {# mailboxes}}` chosen by the
 * language's rules (French says "0 boîte", English "0 mailboxes"), `#`
 * written in the language's digits. Tags are text (`ignoreTag`): a message
 * never builds markup. Each template is parsed once per language.
 */
const formatters = new Map<Locale, Map<string, IntlMessageFormat | null>>();

function formatterFor(template: string, locale: Locale): IntlMessageFormat | null {
  let byTemplate = formatters.get(locale);
  if (!byTemplate) formatters.set(locale, (byTemplate = new Map()));
  let formatter = byTemplate.get(template);
  if (formatter === undefined) {
    try {
      formatter = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
    } catch {
      // Not ICU (a catalog test refuses this for the catalogs): shown with its placeholders filled.
      formatter = null;
    }
    byTemplate.set(template, formatter);
  }
  return formatter;
}

/** Fills what it can and leaves the rest as written: a missing variable must not hide the whole sentence. */
function fillPlainPlaceholders(template: string, vars: MessageVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function formatMessage(template: string, vars: MessageVars | undefined, locale: Locale): string {
  if (!vars) return template;
  const formatter = formatterFor(template, locale);
  if (formatter) {
    try {
      return String(formatter.format(vars));
    } catch {
      // A variable the caller did not give: fall through to the plain fill.
    }
  }
  return fillPlainPlaceholders(template, vars);
}
