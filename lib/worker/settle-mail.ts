import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export type AttemptRecord = {
  tenantId: string;
  number: number;
  startedAt: Date;
  outcome: "sent" | "temporary" | "permanent" | "auth" | "quota" | "config" | "held";
  smtpCode?: number | null;
  smtpResponse?: string | null;
};

/**
 * Moves a leased mail out of `sending` in one conditional update: only while
 * this worker still holds the lease. A worker whose lease expired and was
 * taken records `lease_lost` and changes nothing else. Returns whether the change applied.
 */
export async function settleMail(
  mailId: string,
  workerId: string,
  change: Prisma.OutgoingMailUpdateManyMutationInput,
  attempt: AttemptRecord | null,
): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { count } = await tx.outgoingMail.updateMany({
      where: { id: mailId, status: "sending", leaseOwner: workerId },
      data: { ...change, leaseOwner: null, leaseExpiresAt: null },
    });
    if (attempt) {
      await tx.deliveryAttempt.create({
        data: {
          tenantId: attempt.tenantId,
          mailId,
          number: attempt.number,
          workerId,
          startedAt: attempt.startedAt,
          finishedAt: new Date(),
          outcome: count === 1 ? attempt.outcome : "lease_lost",
          smtpCode: attempt.smtpCode ?? null,
          smtpResponse: attempt.smtpResponse ?? null,
        },
      });
    }
    return count === 1;
  });
}
