import { recordAudit } from "@/lib/audit/record-audit";
import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { momentWithZone } from "@/lib/i18n/dates/moment-with-zone";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { mailDates, tenantAdmins } from "@/lib/notifications/recipients";
import { systemActor } from "@/lib/audit/system-actor";
import { SQL_NOW } from "@/lib/db/sql-now";

/**
 * Pauses an endpoint whose deliveries have all failed for days, once: the
 * UPDATE that pauses it is claimed by one worker only, which records it in
 * the audit log and mails the school's admins in their language (else the
 * school's), the date in the school's time zone. Returns
 * whether this call paused it.
 */
export async function pauseFailingWebhookEndpoint(tenantId: string, endpointId: string): Promise<boolean> {
  const db = await getDb();
  const paused = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ url: string; failingSince: Date }[]>`
      UPDATE "WebhookEndpoint"
         SET enabled = false, "pausedReason" = 'failing', "pausedAt" = ${SQL_NOW}, "updatedAt" = ${SQL_NOW}
       WHERE id = ${endpointId}::uuid AND "tenantId" = ${tenantId}::uuid AND enabled
         AND "failingSince" IS NOT NULL
      RETURNING url, "failingSince"`;
    const row = rows[0];
    if (!row) return null;
    await recordAudit(
      tx,
      { ...systemActor, tenantId },
      {
        action: "webhook_endpoint.paused_failing",
        targetType: "webhook_endpoint",
        targetId: endpointId,
        targetLabel: row.url,
        details: { failingSince: row.failingSince.toISOString() },
      },
    );
    return row;
  });
  if (!paused) return false;
  const tenant = await db.tenant.findFirst({
    where: { id: tenantId },
    select: { id: true, slug: true, name: true, locale: true, timeZone: true },
  });
  if (!tenant) return true;
  for (const admin of await tenantAdmins(db, tenant)) {
    const t = createTranslator(admin.locale);
    await sendPlatformMail({
      to: admin.email,
      subject: t("webhooks.mail.paused.subject", { tenant: tenant.name }),
      text: t("webhooks.mail.paused.body", {
        tenant: tenant.name,
        url: paused.url,
        since: momentWithZone(t, mailDates(admin.locale, tenant.timeZone), paused.failingSince),
        link: `${publicUrl()}/t/${tenant.slug}/webhooks/${endpointId}`,
      }),
    });
  }
  return true;
}
