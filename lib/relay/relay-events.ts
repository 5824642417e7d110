import type { Db } from "@/lib/db/client";
import { SQL_NOW } from "@/lib/worker/sql-now";
import type { RelayReply } from "./relay-replies";

type Credential = { id: string; tenantId: string };

/** One refusal, for the credential's page. Never awaited by the SMTP exchange; a failure is only logged. */
export function recordRefusal(
  db: Db,
  credential: Credential,
  clientIp: string,
  reply: RelayReply,
  log: (line: string) => void,
): void {
  db.relayEvent
    .create({
      data: {
        tenantId: credential.tenantId,
        credentialId: credential.id,
        kind: "refusal",
        clientIp,
        code: reply.responseCode,
        reason: reply.reason,
        detail: reply.detail.slice(0, 300),
      },
    })
    .catch((error: unknown) => log(`could not record a refusal: ${(error as Error).message}`));
}

/** The summary of a session that logged in, written when it ends, with the credential's last use. */
export function recordSession(
  db: Db,
  credential: Credential,
  session: { clientIp: string; startedAt: Date; messages: number; refusals: number },
  log: (line: string) => void,
): void {
  db.relayEvent
    .create({
      data: {
        tenantId: credential.tenantId,
        credentialId: credential.id,
        kind: "session",
        clientIp: session.clientIp,
        messages: session.messages,
        refusals: session.refusals,
        startedAt: session.startedAt,
      },
    })
    .catch((error: unknown) => log(`could not record a session: ${(error as Error).message}`));
}

/** Marks the credential used now from this address (once per session, at login); the first use is kept. */
export function markCredentialUsed(
  db: Db,
  credential: Credential,
  clientIp: string,
  log: (line: string) => void,
) {
  db.$executeRaw`
    UPDATE "RelayCredential"
       SET "lastUsedAt" = ${SQL_NOW}, "lastUsedIp" = ${clientIp}, "firstUsedAt" = COALESCE("firstUsedAt", ${SQL_NOW})
     WHERE id = ${credential.id}::uuid AND "tenantId" = ${credential.tenantId}::uuid`.catch(
    (error: unknown) => log(`could not record the credential's last use: ${(error as Error).message}`),
  );
}

/** How long a credential's sessions and refusals are kept for its page. */
export const RELAY_EVENTS_KEPT_DAYS = 30;

/** Drops sessions and refusals older than that (the worker's chores). */
export async function pruneRelayEvents(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.relayEvent.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - RELAY_EVENTS_KEPT_DAYS * 86_400_000) } },
  });
  return count;
}
