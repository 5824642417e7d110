import {
  CLIENT_SECRET_REMINDER_DAYS,
  daysUntilExpiry,
  formatExpiryDay,
  secretFixFamily,
  secretReminderThreshold,
  utcDay,
} from "@/lib/clients/client-secret-expiry";
import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import type { ProviderKind } from "@/lib/oauth/presets";
import { mailDates, tenantAdmins } from "./recipients";

const DAY_MS = 86_400_000;

type Expiring = {
  id: string;
  name: string;
  provider: ProviderKind;
  tokenEndpoint: string;
  expiresOn: Date;
  daysLeft: number;
  thresholdDays: number;
};
type Tenant = { id: string; slug: string; name: string; locale: string; timeZone: string };

/**
 * A workers' chore: reminds each school's admins of the client secrets of its
 * OAuth applications that expire within CLIENT_SECRET_REMINDER_DAYS (60, 30
 * and 7 days; the expiry typed on the configuration), once at each per
 * secret: one mail per admin and school listing them, in their language, with
 * where to make a new secret. A reminder is a ClientSecretReminder row per
 * configuration, expiry day and threshold, inserted before mailing (ON
 * CONFLICT DO NOTHING), so that another run or worker sends nothing more;
 * saving a new secret deletes them. A failed send removes the school's rows of
 * this run, so that a later run tries again. Returns how many mails were sent.
 */
export async function sendClientSecretReminders({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const db = await getDb();
  const today = utcDay(now);
  const configurations = await db.clientConfiguration.findMany({
    where: {
      clientSecretCipher: { not: null },
      clientSecretExpiredSeenAt: null,
      clientSecretExpiresOn: {
        gt: today,
        lte: new Date(today.getTime() + Math.max(...CLIENT_SECRET_REMINDER_DAYS) * DAY_MS),
      },
      provider: { not: "platform_microsoft" },
      tenant: { suspendedAt: null },
    },
    select: {
      id: true,
      tenantId: true,
      name: true,
      provider: true,
      tokenEndpoint: true,
      clientSecretExpiresOn: true,
    },
    orderBy: [{ tenantId: "asc" }, { clientSecretExpiresOn: "asc" }, { name: "asc" }],
  });
  const byTenant = new Map<string, Expiring[]>();
  for (const config of configurations) {
    const expiresOn = config.clientSecretExpiresOn!;
    const daysLeft = daysUntilExpiry(expiresOn, now);
    const thresholdDays = secretReminderThreshold(daysLeft);
    if (thresholdDays === null) continue;
    const list = byTenant.get(config.tenantId) ?? [];
    list.push({ ...config, expiresOn, daysLeft, thresholdDays });
    byTenant.set(config.tenantId, list);
  }
  let sent = 0;
  for (const [tenantId, expiring] of byTenant) {
    const tenant = await db.tenant.findFirst({
      where: { id: tenantId },
      select: { id: true, slug: true, name: true, locale: true, timeZone: true },
    });
    if (!tenant) continue;
    const claimed = await db.clientSecretReminder.createManyAndReturn({
      data: expiring.map((c) => ({
        tenantId,
        clientConfigurationId: c.id,
        expiresOn: c.expiresOn,
        thresholdDays: c.thresholdDays,
      })),
      skipDuplicates: true,
      select: { clientConfigurationId: true, expiresOn: true, thresholdDays: true },
    });
    if (claimed.length === 0) continue;
    const ids = new Set(claimed.map((row) => row.clientConfigurationId));
    try {
      sent += await mailAdmins(
        tenant,
        expiring.filter((c) => ids.has(c.id)),
      );
    } catch (error) {
      // Not sent: a later run tries again.
      await db.clientSecretReminder.deleteMany({ where: { tenantId, OR: claimed } });
      throw error;
    }
  }
  return sent;
}

async function mailAdmins(tenant: Tenant, expiring: Expiring[]): Promise<number> {
  const db = await getDb();
  const admins = await tenantAdmins(db, tenant);
  for (const admin of admins) {
    const t = createTranslator(admin.locale);
    const dates = mailDates(admin.locale, tenant.timeZone);
    const first = expiring[0]!;
    const lines = expiring.map((c) =>
      t("clients.mail.secretExpiring.line", {
        name: c.name,
        date: formatExpiryDay(dates, c.expiresOn),
        days: c.daysLeft,
        fix: t(`clients.secretExpiry.fix.${secretFixFamily(c)}`),
        link: `${publicUrl()}/t/${tenant.slug}/clients/${c.id}`,
      }),
    );
    await sendPlatformMail({
      to: admin.email,
      subject:
        expiring.length === 1
          ? t("clients.mail.secretExpiring.subjectOne", {
              tenant: tenant.name,
              name: first.name,
              date: formatExpiryDay(dates, first.expiresOn),
            })
          : t("clients.mail.secretExpiring.subjectMany", { tenant: tenant.name, count: expiring.length }),
      text: t("clients.mail.secretExpiring.body", {
        tenant: tenant.name,
        configurations: lines.join("\n\n"),
      }),
    });
  }
  return admins.length;
}
