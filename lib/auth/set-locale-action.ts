"use server";

import { cookies } from "next/headers";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isLocale, localeCookie } from "@/lib/i18n/locales";

/**
 * Remembers the chosen language in a cookie (also before sign-in) and, for
 * a signed-in person, on their account so that their mail follows it.
 */
export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = form.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, {
    path: "/",
    maxAge: 365 * 24 * 3600,
    sameSite: "lax",
    httpOnly: true,
  });
  const user = await getSessionUser();
  if (user) {
    const db = await getDb();
    await db.user.update({ where: { id: user.userId }, data: { locale } });
  }
}
