import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";
import { tenantAdmins } from "./recipients";

type BrokenConfiguration = { id: string; name: string; brokenReason: string | null };

/**
 * Tells a tenant's admins, once per breakage, that the provider refused one
 * of their client configurations: one mail per admin, however many
 * mailboxes the refusal stopped. A configuration is claimed when it is
 * broken and its admins were not told since it broke (brokenNotifiedAt is
 * older than brokenAt, or null), in one UPDATE that two processes cannot
 * both win. Returns how many mails were sent.
 */
export async function notifyAdminsOfBrokenConfigurations(tenantId: string, now: Date = new Date()) {
  const db = await getDb();
  const claimed = await db.$queryRaw<BrokenConfiguration[]>`
    UPDATE "ClientConfiguration" SET "brokenNotifiedAt" = ${now}
    WHERE "tenantId" = ${tenantId}::uuid AND "brokenAt" IS NOT NULL
      AND ("brokenNotifiedAt" IS NULL OR "brokenNotifiedAt" < "brokenAt")
    RETURNING id, name, "brokenReason"`;
  if (claimed.length === 0) return 0;
  const tenant = await db.tenant.findFirst({
    where: { id: tenantId },
    select: { id: true, slug: true, name: true, locale: true },
  });
  if (!tenant) return 0;
  const stopped = await db.mailbox.groupBy({
    by: ["clientConfigurationId"],
    where: {
      tenantId,
      clientConfigurationId: { in: claimed.map((c) => c.id) },
      // Those marked already and those a refresh in flight is about to mark: all stop.
      state: { in: ["config_error", "connected"] },
    },
    _count: { _all: true },
  });
  const admins = await tenantAdmins(db, tenant);
  for (const admin of admins) {
    const t = createTranslator(admin.locale);
    const lines = claimed.map((config) => {
      const { cause, fix } = explainConnectionError(config.brokenReason);
      const count = stopped.find((s) => s.clientConfigurationId === config.id)?._count._all ?? 0;
      return t("connections.mail.configurationBroken.line", {
        name: config.name,
        count,
        cause: t(cause),
        fix: t(fix),
      });
    });
    await sendPlatformMail({
      to: admin.email,
      subject: t("connections.mail.configurationBroken.subject", { tenant: tenant.name }),
      text: t("connections.mail.configurationBroken.body", {
        tenant: tenant.name,
        configurations: lines.join("\n"),
        link: `${publicUrl()}/t/${tenant.slug}/clients`,
      }),
    });
  }
  return admins.length;
}
