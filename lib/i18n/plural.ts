import type { Locale } from "./locales";

/**
 * Plural forms in messages, a small part of ICU's syntax:
 * `{count, plural, one {# mailbox} other {# mailboxes}}`. The case is chosen by
 * the language's rules (French says "0 boîte", English "0 mailboxes"), `#` is
 * the number, and a case may hold the message's other `{placeholders}`.
 * A form without the variable, or that does not parse, is left as written.
 */

const rules = new Map<Locale, Intl.PluralRules>();
const rulesFor = (locale: Locale) => {
  let found = rules.get(locale);
  if (!found) rules.set(locale, (found = new Intl.PluralRules(locale)));
  return found;
};

/** The case texts of a plural form starting at `start` (just after "plural,"), and where it ends. */
function readCases(template: string, start: number): { cases: Map<string, string>; end: number } | null {
  const cases = new Map<string, string>();
  let at = start;
  for (;;) {
    while (template[at] === " ") at++;
    if (template[at] === "}") return cases.size > 0 ? { cases, end: at + 1 } : null;
    const name = /^[a-z]+/.exec(template.slice(at))?.[0];
    if (!name) return null;
    at += name.length;
    while (template[at] === " ") at++;
    if (template[at] !== "{") return null;
    let depth = 0;
    const open = at;
    for (; at < template.length; at++) {
      if (template[at] === "{") depth++;
      else if (template[at] === "}" && --depth === 0) break;
    }
    if (depth !== 0) return null;
    cases.set(name, template.slice(open + 1, at));
    at++;
  }
}

export function applyPlurals(
  template: string,
  vars: Record<string, string | number>,
  locale: Locale,
): string {
  const form = /\{(\w+), plural,/g;
  let result = "";
  let from = 0;
  for (let match = form.exec(template); match; match = form.exec(template)) {
    const name = match[1]!;
    const parsed = readCases(template, match.index + match[0].length);
    const value = Number(vars[name]);
    if (!parsed || !(name in vars) || Number.isNaN(value)) continue;
    const chosen = parsed.cases.get(rulesFor(locale).select(value)) ?? parsed.cases.get("other") ?? "";
    result += template.slice(from, match.index) + chosen.replaceAll("#", vars[name]!.toLocaleString(locale));
    from = parsed.end;
    form.lastIndex = parsed.end;
  }
  return result + template.slice(from);
}
