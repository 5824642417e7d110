import type { Db, DbTransaction } from "@/lib/db/client";
import type { DateConventions } from "@/lib/i18n/dates/formats";
import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import { normalizeEmail } from "@/lib/auth/tokens";
import { isLocale, schoolLocale, type Locale } from "@/lib/i18n/locales";

export type Recipient = { userId: string; email: string; locale: Locale };

/** The language of mail to a person: the one their account chose, else their school's. */
export function mailLocale(personal: string | null | undefined, school: string): Locale {
  return isLocale(personal) ? personal : schoolLocale(school);
}

/**
 * Dates in a mail: the language's usual conventions (a mail has no browser
 * to ask for a region) and the school's time zone, which the mail names.
 */
export function mailDates(locale: Locale, timeZone: string): DateConventions {
  return { locale: defaultFormatLocales[locale], timeZone };
}

/** The language of mail to an address: its account's, if it has one that chose, else the school's. */
export async function addressLocale(db: Db | DbTransaction, email: string, school: string): Promise<Locale> {
  const user = await db.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { locale: true },
  });
  return mailLocale(user?.locale, school);
}

/** The tenant's administrators who can still sign in, each with the language of their mail. */
export async function tenantAdmins(
  db: Db | DbTransaction,
  tenant: { id: string; locale: string },
): Promise<Recipient[]> {
  const memberships = await db.membership.findMany({
    where: { tenantId: tenant.id, role: "admin", user: { disabledAt: null } },
    select: { user: { select: { id: true, email: true, locale: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map(({ user }) => ({
    userId: user.id,
    email: user.email,
    locale: mailLocale(user.locale, tenant.locale),
  }));
}
