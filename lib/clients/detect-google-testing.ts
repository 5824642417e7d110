import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { systemActor } from "@/lib/audit/system-actor";
import { GOOGLE_TESTING_LIFETIME_DAYS } from "@/lib/connections/google-testing";
import { lockConfigurationConnections } from "./lock-configuration-connections";

/** Grants dead this long after they were given count as "Testing" deaths (7 days, with slack either side). */
export const TESTING_DEATH_AFTER_DAYS = {
  from: GOOGLE_TESTING_LIFETIME_DAYS - 1,
  to: GOOGLE_TESTING_LIFETIME_DAYS + 2,
};
/** How many such deaths say "Testing" (a configuration with a single mailbox: that one). */
export const TESTING_DETECTION_MAILBOXES = 2;
/** Only deaths this recent count: Testing kills every grant of the first days within days of each other. */
const RECENT_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

/**
 * After a Google connection's refresh was refused with invalid_grant: when
 * TESTING_DETECTION_MAILBOXES of the configuration's mailboxes lost their grant
 * 6 to 9 days after it was given (grants older than the admin's last "not in
 * Testing" excepted), the configuration is marked as detected in "Testing"
 * (googleTestingDetectedAt), which its page shows as a warning with the fix and
 * which moves its connections' forecast end to 7 days after their grant.
 * Called after the refresh's transaction, outside its row lock; never throws.
 */
export async function detectGoogleTesting(
  tenantId: string,
  clientConfigurationId: string,
  now = new Date(),
): Promise<boolean> {
  try {
    const db = await getDb();
    return await db.$transaction(async (tx) => {
      const config = await tx.clientConfiguration.findFirst({
        where: { id: clientConfigurationId, tenantId },
        select: {
          provider: true,
          googleTesting: true,
          googleTestingDetectedAt: true,
          googleTestingClearedAt: true,
        },
      });
      if (!config || config.provider !== "google" || config.googleTesting || config.googleTestingDetectedAt) {
        return false;
      }
      const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
      const evidenceFrom = config.googleTestingClearedAt ?? new Date(0);
      const [counts] = await tx.$queryRaw<{ deaths: number; mailboxes: number }[]>`
        SELECT count(*) FILTER (
                 WHERE state = 'needs_reconnect' AND "lastErrorCode" = 'invalid_grant'
                   AND "lastErrorAt" >= ${since} AND "connectedAt" >= ${evidenceFrom}
                   AND "lastErrorAt" - "connectedAt" >= ${TESTING_DEATH_AFTER_DAYS.from} * interval '1 day'
                   AND "lastErrorAt" - "connectedAt" <= ${TESTING_DEATH_AFTER_DAYS.to} * interval '1 day'
               )::int AS deaths,
               count(*)::int AS mailboxes
          FROM "Mailbox"
         WHERE "tenantId" = ${tenantId}::uuid AND "clientConfigurationId" = ${clientConfigurationId}::uuid`;
      const deaths = counts?.deaths ?? 0;
      if (deaths === 0 || deaths < Math.min(TESTING_DETECTION_MAILBOXES, counts?.mailboxes ?? 0))
        return false;
      // The configuration's change moves its mailboxes' forecasts (a trigger): their rows are locked
      // first, as refreshes take them (mailbox, then configuration), so that none deadlocks.
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '15s'`);
      await lockConfigurationConnections(tx, tenantId, clientConfigurationId);
      const { count } = await tx.clientConfiguration.updateMany({
        where: { id: clientConfigurationId, tenantId, googleTesting: false, googleTestingDetectedAt: null },
        data: { googleTestingDetectedAt: now },
      });
      if (count === 0) return false;
      await recordAudit(
        tx,
        { ...systemActor, tenantId },
        {
          action: "client.google_testing_detected",
          targetType: "clientConfiguration",
          targetId: clientConfigurationId,
          details: { mailboxes: deaths },
        },
      );
      return true;
    });
  } catch (error) {
    // Another refused grant of the configuration will try again.
    logger()
      .child({ tenantId, clientConfigurationId })
      .warn({ err: error }, "Could not check whether the Google application is in Testing");
    return false;
  }
}
