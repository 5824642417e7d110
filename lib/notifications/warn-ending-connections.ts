import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { formatDay, type DateConventions } from "@/lib/i18n/dates/formats";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { storedGrantEnd, type PredictedGrantEnd } from "@/lib/connections/stored-grant-end";
import { daysUntil, GRANT_END_WARNING_DAYS, grantEndWarningThreshold } from "./grant-end-warnings";
import { mailDates, mailLocale, tenantAdmins } from "./recipients";

const DAY_MS = 86_400_000;
// The admins' digest lists this many mailboxes and counts the rest.
const LISTED = 50;

type Tenant = { id: string; slug: string; name: string; locale: string; timeZone: string };
type Ending = { id: string; address: string; end: PredictedGrantEnd; thresholdDays: number };

const WHY = {
  provider: "connections.mail.endingSoon.why.provider",
  inactivity: "connections.mail.endingSoon.why.inactivity",
  testing: "connections.mail.endingSoon.why.testing",
} as const;
const OWNER_FIX = {
  provider: "connections.mail.endingSoon.ownerFix.provider",
  inactivity: "connections.mail.endingSoon.ownerFix.inactivity",
  testing: "connections.mail.endingSoon.ownerFix.testing",
} as const;
const ADMIN_FIX = {
  provider: "connections.mail.endingSoon.adminFix.provider",
  inactivity: "connections.mail.endingSoon.adminFix.inactivity",
  testing: "connections.mail.endingSoon.adminFix.testing",
} as const;

/**
 * A workers' chore: warns ahead of time of the end of connected mailboxes'
 * authorizations (Mailbox.grantEndsAt and its reason), at each of
 * GRANT_END_WARNING_DAYS, except inactivity ends that the keep-alive still
 * renews (grantEndWarningThreshold). Each owner of such a mailbox gets one mail
 * listing theirs, and each admin of its school one digest listing the school's,
 * in their language. A warning is a GrantEndWarning row per mailbox, forecast
 * day and threshold, inserted before mailing (ON CONFLICT DO NOTHING): another
 * run, or another worker at the same moment, finds it and sends nothing; a new
 * forecast (renewed, reconnected) is another row. A failed send removes the
 * school's rows of this run, so that a later run tries again. Returns how many
 * mails were sent.
 */
export async function warnEndingConnections({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const db = await getDb();
  const horizon = new Date(now.getTime() + Math.max(...GRANT_END_WARNING_DAYS) * DAY_MS);
  const mailboxes = await db.mailbox.findMany({
    where: {
      state: "connected",
      refreshTokenCipher: { not: null },
      grantEndsAt: { gt: now, lte: horizon },
      tenant: { suspendedAt: null },
    },
    select: {
      id: true,
      tenantId: true,
      address: true,
      grantEndsAt: true,
      refreshTokenExpiresAt: true,
      connectedAt: true,
    },
    orderBy: [{ tenantId: "asc" }, { grantEndsAt: "asc" }, { address: "asc" }],
  });
  const byTenant = new Map<string, Ending[]>();
  for (const mailbox of mailboxes) {
    const end = storedGrantEnd(mailbox);
    const thresholdDays = end && grantEndWarningThreshold(end, now);
    if (!end || !thresholdDays) continue;
    const list = byTenant.get(mailbox.tenantId) ?? [];
    list.push({ id: mailbox.id, address: mailbox.address, end, thresholdDays });
    byTenant.set(mailbox.tenantId, list);
  }
  let sent = 0;
  for (const [tenantId, endings] of byTenant) {
    const tenant = await db.tenant.findFirst({
      where: { id: tenantId },
      select: { id: true, slug: true, name: true, locale: true, timeZone: true },
    });
    if (!tenant) continue;
    const claimed = await db.grantEndWarning.createManyAndReturn({
      data: endings.map((m) => ({
        tenantId,
        mailboxId: m.id,
        endsOn: new Date(`${m.end.at.toISOString().slice(0, 10)}T00:00:00Z`),
        thresholdDays: m.thresholdDays,
        endsAt: m.end.at,
        reason: m.end.reason,
      })),
      skipDuplicates: true,
      select: { mailboxId: true, endsOn: true, thresholdDays: true },
    });
    if (claimed.length === 0) continue;
    const ids = new Set(claimed.map((row) => row.mailboxId));
    const warned = endings.filter((m) => ids.has(m.id));
    try {
      sent += await mailOwners(tenant, warned, now);
      sent += await mailAdmins(tenant, warned, now);
    } catch (error) {
      // Not sent: a later run tries again.
      await db.grantEndWarning.deleteMany({
        where: {
          tenantId,
          OR: claimed.map(({ mailboxId, endsOn, thresholdDays }) => ({ mailboxId, endsOn, thresholdDays })),
        },
      });
      throw error;
    }
  }
  return sent;
}

function line(
  t: Translator,
  dates: DateConventions,
  m: Ending,
  now: Date,
  fix: typeof OWNER_FIX | typeof ADMIN_FIX,
) {
  return t("connections.mail.endingSoon.line", {
    address: m.address,
    date: formatDay(dates, m.end.at),
    days: daysUntil(m.end.at, now),
    why: t(WHY[m.end.reason]),
    fix: t(fix[m.end.reason]),
  });
}

/** One mail per owner (assigned, still a member, not disabled) listing their mailboxes warned of. */
async function mailOwners(tenant: Tenant, warned: Ending[], now: Date): Promise<number> {
  const db = await getDb();
  const assignments = await db.mailboxAssignment.findMany({
    where: {
      tenantId: tenant.id,
      mailboxId: { in: warned.map((m) => m.id) },
      user: { disabledAt: null, memberships: { some: { tenantId: tenant.id } } },
    },
    select: { mailboxId: true, user: { select: { id: true, email: true, locale: true } } },
    orderBy: { userId: "asc" },
  });
  const owners = new Map<string, { email: string; locale: string | null; mailboxes: Ending[] }>();
  for (const { mailboxId, user } of assignments) {
    const owner = owners.get(user.id) ?? { email: user.email, locale: user.locale, mailboxes: [] };
    owner.mailboxes.push(...warned.filter((m) => m.id === mailboxId));
    owners.set(user.id, owner);
  }
  for (const owner of owners.values()) {
    const locale = mailLocale(owner.locale, tenant.locale);
    const t = createTranslator(locale);
    const dates = mailDates(locale, tenant.timeZone);
    const first = owner.mailboxes[0]!;
    await sendPlatformMail({
      to: owner.email,
      subject:
        owner.mailboxes.length === 1
          ? t("connections.mail.endingSoon.subjectOne", {
              address: first.address,
              date: formatDay(dates, first.end.at),
            })
          : t("connections.mail.endingSoon.subjectMany", { count: owner.mailboxes.length }),
      text: t("connections.mail.endingSoon.ownerBody", {
        tenant: tenant.name,
        mailboxes: owner.mailboxes.map((m) => line(t, dates, m, now, OWNER_FIX)).join("\n"),
        link: `${publicUrl()}/t/${tenant.slug}/my-mailboxes`,
      }),
    });
  }
  return owners.size;
}

/** One digest per admin of the school listing its mailboxes warned of. */
async function mailAdmins(tenant: Tenant, warned: Ending[], now: Date): Promise<number> {
  const db = await getDb();
  const admins = await tenantAdmins(db, tenant);
  for (const admin of admins) {
    const t = createTranslator(admin.locale);
    const dates = mailDates(admin.locale, tenant.timeZone);
    const lines = warned.slice(0, LISTED).map((m) => line(t, dates, m, now, ADMIN_FIX));
    if (warned.length > LISTED)
      lines.push(t("connections.mail.digest.more", { count: warned.length - LISTED }));
    await sendPlatformMail({
      to: admin.email,
      subject: t("connections.mail.endingSoon.digestSubject", { tenant: tenant.name, count: warned.length }),
      text: t("connections.mail.endingSoon.digestBody", {
        tenant: tenant.name,
        mailboxes: lines.join("\n"),
        link: `${publicUrl()}/t/${tenant.slug}/mailboxes`,
      }),
    });
  }
  return admins.length;
}
