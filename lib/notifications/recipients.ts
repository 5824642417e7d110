import type { Db, DbTransaction } from "@/lib/db/client";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/locales";

export type Recipient = { userId: string; email: string; locale: Locale };

/** A person's chosen language for mail, else English. */
export function mailLocale(locale: string | null): Locale {
  return isLocale(locale) ? locale : defaultLocale;
}

/** The tenant's administrators who can still sign in. */
export async function tenantAdmins(db: Db | DbTransaction, tenantId: string): Promise<Recipient[]> {
  const memberships = await db.membership.findMany({
    where: { tenantId, role: "admin", user: { disabledAt: null } },
    select: { user: { select: { id: true, email: true, locale: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map(({ user }) => ({
    userId: user.id,
    email: user.email,
    locale: mailLocale(user.locale),
  }));
}
