import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import type { PendingRevocation } from "@/lib/db/generated/client";
import { systemActor } from "@/lib/tokens/system-actor";
import { callRevocationEndpoint } from "./call-revocation-endpoint";
import { pendingRevocationTokenAad } from "./pending-revocation-aad";

export const MAX_REVOCATION_ATTEMPTS = 10;
const FIRST_RETRY_MS = 5 * 60_000;
const LONGEST_RETRY_MS = 12 * 3600_000;

export type RevocationAttempt = "done" | "retry" | "given_up";

function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

/**
 * Asks the provider to withdraw one pending revocation's grant. Done, or
 * refused for good, or out of attempts: the record (and its token) is
 * deleted. Unreachable: it waits, with a growing delay.
 */
export async function attemptPendingRevocation(
  record: PendingRevocation,
  now = new Date(),
): Promise<RevocationAttempt> {
  const db = await getDb();
  const where = { id: record.id, tenantId: record.tenantId };
  let token: string;
  try {
    token = decryptSecret(record.tokenCipher, pendingRevocationTokenAad(record.id));
  } catch (error) {
    if (!(error instanceof SecretDecryptError)) throw error;
    return giveUp(record, "token_unreadable");
  }
  const answer = await callRevocationEndpoint(record.endpoint, token);
  if (answer.kind === "done") {
    await db.pendingRevocation.deleteMany({ where });
    return "done";
  }
  const attempts = record.attempts + 1;
  if (answer.kind === "refused" || attempts >= MAX_REVOCATION_ATTEMPTS) return giveUp(record, answer.code);
  await db.pendingRevocation.updateMany({
    where,
    data: {
      attempts,
      lastErrorCode: answer.code,
      nextAttemptAt: new Date(now.getTime() + retryDelay(attempts)),
    },
  });
  return "retry";
}

async function giveUp(record: PendingRevocation, code: string): Promise<RevocationAttempt> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.pendingRevocation.deleteMany({ where: { id: record.id, tenantId: record.tenantId } });
    await recordAudit(
      tx,
      { ...systemActor, tenantId: record.tenantId },
      {
        action: "mailbox.provider_revocation_failed",
        targetType: "mailbox",
        targetId: record.mailboxId,
        details: { code, attempts: record.attempts + 1 },
      },
    );
  });
  return "given_up";
}
