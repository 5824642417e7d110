import { recordAudit } from "@/lib/audit/record-audit";
import { noteExpiredClientSecret, SECRET_EXPIRED_CODE } from "@/lib/clients/note-expired-client-secret";
import { getDb } from "@/lib/db/client";
import { auditActorOf } from "./audit-actor";
import type { FlowActor } from "./flow-actor";
import type { FlowResult } from "./flow-result";

/**
 * Leaves a trace of a refused connection that an administrator should see:
 * an audit entry (which account was used, the provider's code; never a token)
 * and, when the failure says something about the mailbox or its
 * configuration, `lastErrorCode`. The mailbox's state and tokens are untouched.
 * An expired client secret (AADSTS7000222) is noted on the configuration.
 */
export async function recordConnectFailure(
  actor: FlowActor,
  mailbox: { id: string; tenantId: string; address: string; clientConfiguration?: { id: string } },
  result: FlowResult,
  lastErrorCode: string | null,
  now = new Date(),
): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    if (lastErrorCode) {
      await tx.mailbox.updateMany({
        where: { id: mailbox.id, tenantId: mailbox.tenantId },
        data: { lastErrorCode, lastErrorAt: now },
      });
    }
    if (mailbox.clientConfiguration && result.code?.endsWith(`(${SECRET_EXPIRED_CODE})`)) {
      await noteExpiredClientSecret(tx, {
        tenantId: mailbox.tenantId,
        clientConfigurationId: mailbox.clientConfiguration.id,
        now,
      });
    }
    await recordAudit(tx, auditActorOf(actor, mailbox.address), {
      action: "mailbox.connect_failed",
      targetType: "mailbox",
      targetId: mailbox.id,
      targetLabel: mailbox.address,
      details: {
        outcome: result.outcome,
        ...(result.account ? { account: result.account } : {}),
        ...(result.code ? { code: result.code } : {}),
        ...(result.missing ? { missing: result.missing } : {}),
      },
    });
  });
}
