import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { logger } from "@/lib/log/logger";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { tenantAdmins } from "@/lib/notifications/recipients";

/**
 * The senders that had moved to the relay (their credential was used) and are
 * on Basic again in this import, whose whole period is after that first use:
 * a device reset to its old settings. Claimed in one UPDATE so that each is
 * reported once per import, then mailed to the school's admins in their
 * language (else the school's) (the same test as the plan's "still on Basic", sender-status.ts
 * backOnBasic, for a sender that was used). Returns the addresses reported.
 */
export async function notifyMigrationRegressions(tenantId: string, importId: string, now = new Date()) {
  const db = await getDb();
  const claimed = await db.$queryRaw<{ address: string }[]>`
    UPDATE "MigrationSender" s
       SET "regressionImportId" = ${importId}::uuid, "updatedAt" = ${now}
      FROM "MigrationReportLine" l, "MigrationImport" i, "RelayCredential" c
     WHERE s."tenantId" = ${tenantId}::uuid
       AND l."tenantId" = s."tenantId" AND l."importId" = ${importId}::uuid AND l.address = s.address
       AND l.auth <> 'oauth' AND l.messages > 0
       AND i."tenantId" = s."tenantId" AND i.id = l."importId"
       AND c."tenantId" = s."tenantId" AND c.id = s."relayCredentialId"
       AND c."firstUsedAt" IS NOT NULL AND i."periodStart" > c."firstUsedAt"
       AND s."regressionImportId" IS DISTINCT FROM ${importId}::uuid
    RETURNING s.address`;
  if (claimed.length === 0) return [];
  const addresses = claimed.map((row) => row.address).sort();
  const tenant = await db.tenant.findFirst({
    where: { id: tenantId },
    select: { id: true, slug: true, name: true, locale: true },
  });
  if (!tenant) return addresses;
  for (const admin of await tenantAdmins(db, tenant)) {
    const t = createTranslator(admin.locale);
    // The import is committed already: a mail that cannot go is reported, not turned into a failed
    // upload (the rows say "still on Basic" on the page either way).
    await sendPlatformMail({
      to: admin.email,
      subject: t("migration.mail.regression.subject", { tenant: tenant.name, count: addresses.length }),
      text: t("migration.mail.regression.body", {
        tenant: tenant.name,
        count: addresses.length,
        senders: addresses.map((address) => `  - ${address}`).join("\n"),
        link: `${publicUrl()}/t/${tenant.slug}/migration`,
      }),
    }).catch((error: unknown) =>
      logger().error({ tenantId, err: error }, "Migration regression mail to an admin not sent"),
    );
  }
  return addresses;
}
