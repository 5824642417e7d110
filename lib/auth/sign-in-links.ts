import { getDb } from "@/lib/db/client";
import { publicUrl } from "@/lib/config/public-url";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { hashLinkToken, newLinkToken, normalizeEmail } from "./tokens";

export const signInLinkLifetimeMs = 15 * 60 * 1000;

/**
 * Mails a one-time sign-in link when the address belongs to an active
 * person. The caller answers the same thing either way, so that the form
 * does not reveal which addresses have an account. In the account's
 * language, else in `locale`, the page's from which the person asked (they
 * read it right then; an account may belong to schools of two languages).
 */
export async function requestSignInLink(rawEmail: string, locale: Locale): Promise<void> {
  const db = await getDb();
  const email = normalizeEmail(rawEmail);
  const user = await db.user.findFirst({
    where: { email, disabledAt: null },
    select: { id: true, locale: true },
  });
  if (!user) return;
  const { token, tokenHash } = newLinkToken();
  await db.signInLink.create({
    data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + signInLinkLifetimeMs) },
  });
  const t = createTranslator(isLocale(user.locale) ? user.locale : locale);
  const link = `${publicUrl()}/signin/link?token=${encodeURIComponent(token)}`;
  await sendPlatformMail({
    to: email,
    subject: t("auth.linkMail.subject"),
    text: t("auth.linkMail.body", { link, minutes: signInLinkLifetimeMs / 60000 }),
  });
}

export type SignInLinkState = "valid" | "expired" | "used" | "unknown";

/** Tells what a link is worth without using it up (mail scanners open links). */
export async function inspectSignInLink(token: string): Promise<SignInLinkState> {
  const db = await getDb();
  const link = await db.signInLink.findUnique({ where: { tokenHash: hashLinkToken(token) } });
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  if (link.expiresAt <= new Date()) return "expired";
  return "valid";
}

/** Uses a link up, once: the conditional update makes two clicks race safely. */
export async function consumeSignInLink(token: string) {
  const db = await getDb();
  const tokenHash = hashLinkToken(token);
  const now = new Date();
  const { count } = await db.signInLink.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const link = await db.signInLink.findUnique({
    where: { tokenHash },
    select: { user: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
  if (!link || link.user.disabledAt) return null;
  return { id: link.user.id, email: link.user.email, name: link.user.name };
}
