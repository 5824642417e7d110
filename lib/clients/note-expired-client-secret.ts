import { recordAudit } from "@/lib/audit/record-audit";
import type { DbTransaction } from "@/lib/db/client";
import { systemActor } from "@/lib/audit/system-actor";
import { dayText, utcDay } from "./client-secret-expiry";

/** Microsoft's answer for a client secret past its expiry date. */
export const SECRET_EXPIRED_CODE = "AADSTS7000222";

/**
 * The token endpoint said the configuration's client secret has expired
 * (AADSTS7000222): its expiry becomes "already expired", seen now. A date typed
 * earlier that is already past is kept (it is the truer one); a later one, or
 * none, becomes today. Once per secret: a secret already seen expired is left
 * as it is until a new one is saved. The platform's application is the
 * operator's, not the school's: left alone. Audited (client.secret_expired).
 */
export async function noteExpiredClientSecret(
  tx: DbTransaction,
  { tenantId, clientConfigurationId, now }: { tenantId: string; clientConfigurationId: string; now: Date },
): Promise<boolean> {
  const config = await tx.clientConfiguration.findFirst({
    where: { id: clientConfigurationId, tenantId },
    select: { name: true, provider: true, clientSecretExpiresOn: true, clientSecretExpiredSeenAt: true },
  });
  if (!config || config.provider === "platform_microsoft" || config.clientSecretExpiredSeenAt) return false;
  const today = utcDay(now);
  const typed = config.clientSecretExpiresOn;
  const expiresOn = typed && typed <= today ? typed : today;
  const { count } = await tx.clientConfiguration.updateMany({
    where: { id: clientConfigurationId, tenantId, clientSecretExpiredSeenAt: null },
    data: { clientSecretExpiresOn: expiresOn, clientSecretExpiredSeenAt: now },
  });
  if (count === 0) return false;
  await recordAudit(
    tx,
    { ...systemActor, tenantId },
    {
      action: "client.secret_expired",
      targetType: "clientConfiguration",
      targetId: clientConfigurationId,
      targetLabel: config.name,
      details: { clientSecretExpiresOn: { from: dayText(typed), to: dayText(expiresOn) } },
    },
  );
  return true;
}
