import { getDb } from "@/lib/db/client";
import type { ApiKeySender } from "@/lib/api-keys/authenticate-api-key";
import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import { createTranslator } from "@/lib/i18n/translate";
import {
  healthOfMailbox,
  loadMailboxHealthExtras,
  mailboxHealthSelect,
} from "@/lib/mailbox-health/load-mailbox-health";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { usableMailboxWhere } from "@/lib/outbox/mail-sender";
import { getSchoolTimeZone } from "@/lib/tenants/get-school-time-zone";
import { storedGrantEnd } from "@/lib/connections/stored-grant-end";

/**
 * The mailboxes the key may send from, with whether they can send now and
 * their health line: a stable code and the portal's words, in English (the
 * API's language), its dates in the school's time zone (the ISO fields are UTC).
 */
export async function listKeyMailboxes(sender: ApiKeySender) {
  const db = await getDb();
  const mailboxes = await db.mailbox.findMany({
    where: usableMailboxWhere(sender),
    orderBy: { address: "asc" },
    select: { ...mailboxHealthSelect, id: true, address: true, displayName: true },
  });
  const extras = await loadMailboxHealthExtras(
    sender.tenantId,
    mailboxes.map((m) => m.id),
  );
  const dates = { locale: defaultFormatLocales.en, timeZone: await getSchoolTimeZone(sender.tenantId) };
  const now = new Date();
  const t = createTranslator("en");
  return mailboxes.map((m) => {
    const health = healthOfMailbox(m, extras, now);
    return {
      id: m.id,
      address: m.address,
      displayName: m.displayName,
      state: m.state,
      pausedUntil: m.pausedUntil && m.pausedUntil > now ? m.pausedUntil.toISOString() : null,
      health: {
        code: health.code,
        tone: health.tone,
        summary: mailboxHealthWords(t, dates, health).headline,
        since: health.since?.toISOString() ?? null,
        endsAt: storedGrantEnd(m)?.at.toISOString() ?? null,
        waitingMail: health.waitingMail,
        errorCode: health.errorCode,
      },
    };
  });
}
