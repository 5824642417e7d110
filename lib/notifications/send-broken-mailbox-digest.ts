import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";
import { dayIn, knownTimeZone } from "@/lib/i18n/dates/time-zones";
import { tenantAdmins } from "./recipients";

const BROKEN_STATES = ["needs_reconnect", "config_error"] as const;
// A digest lists this many mailboxes and counts the rest: a whole school may be broken.
const LISTED = 50;

type DigestMailbox = { address: string; state: string; lastErrorCode: string | null };

/**
 * Mails each tenant's admins the list of its mailboxes that need a person
 * (needs_reconnect, config_error), at most once per tenant per day (the
 * school's, in its time zone): the day is recorded before sending, and a
 * second run the same day finds it. Returns the tenants that got one.
 */
export async function sendBrokenMailboxDigest({ now = new Date() }: { now?: Date } = {}) {
  const db = await getDb();
  const tenants = await db.tenant.findMany({
    where: { suspendedAt: null, mailboxes: { some: { state: { in: [...BROKEN_STATES] } } } },
    select: { id: true, slug: true, name: true, locale: true, timeZone: true },
    orderBy: { slug: "asc" },
  });
  const sentTo: string[] = [];
  for (const tenant of tenants) {
    const day = dayIn(knownTimeZone(tenant.timeZone), now);
    const mailboxes = await db.mailbox.findMany({
      where: { tenantId: tenant.id, state: { in: [...BROKEN_STATES] } },
      select: { address: true, state: true, lastErrorCode: true },
      orderBy: { address: "asc" },
    });
    try {
      await db.brokenMailboxDigest.create({
        data: { tenantId: tenant.id, day, mailboxCount: mailboxes.length },
      });
    } catch (error) {
      if (isUniqueViolation(error)) continue;
      throw error;
    }
    try {
      await mailAdmins(tenant, mailboxes);
    } catch (error) {
      // Not sent: let a later run today try again.
      await db.brokenMailboxDigest.deleteMany({ where: { tenantId: tenant.id, day } });
      throw error;
    }
    sentTo.push(tenant.slug);
  }
  return sentTo;
}

async function mailAdmins(
  tenant: { id: string; slug: string; name: string; locale: string },
  mailboxes: DigestMailbox[],
) {
  const db = await getDb();
  for (const admin of await tenantAdmins(db, tenant)) {
    const t = createTranslator(admin.locale);
    const lines = mailboxes.slice(0, LISTED).map((m) => {
      const state = t(
        m.state === "config_error" ? "connections.states.config_error" : "connections.states.needs_reconnect",
      );
      return `- ${m.address} (${state}): ${t(explainConnectionError(m.lastErrorCode).fix)}`;
    });
    if (mailboxes.length > LISTED)
      lines.push(t("connections.mail.digest.more", { count: mailboxes.length - LISTED }));
    await sendPlatformMail({
      to: admin.email,
      subject: t("connections.mail.digest.subject", { tenant: tenant.name, count: mailboxes.length }),
      text: t("connections.mail.digest.body", {
        tenant: tenant.name,
        count: mailboxes.length,
        mailboxes: lines.join("\n"),
        link: `${publicUrl()}/t/${tenant.slug}/mailboxes`,
      }),
    });
  }
}
