import type { Log } from "@/lib/log/log";
import type { RelayReply } from "@/lib/relay-protocol/relay-replies";
import { RELAY_NOW, type RelaySql } from "./relay-sql";

type Credential = { id: string; tenantId: string };

const INSERT_EVENT = `
  INSERT INTO "RelayEvent" ("tenantId", "credentialId", kind, "clientIp", code, reason, detail, messages, refusals,
                            "startedAt", "createdAt")
  VALUES ($1::uuid, $2::uuid, $3, $4, $5::int, $6, $7, $8::int, $9::int,
          $10::timestamptz AT TIME ZONE 'UTC', ${RELAY_NOW})`;

/** One refusal, for the credential's page. Never awaited by the SMTP exchange; a failure is only logged. */
export function recordRefusal(
  sql: RelaySql,
  credential: Credential,
  clientIp: string,
  reply: RelayReply,
  log: Log,
): void {
  sql
    .query("event", INSERT_EVENT, [
      credential.tenantId,
      credential.id,
      "refusal",
      clientIp,
      reply.responseCode,
      reply.reason,
      reply.detail.slice(0, 300),
      0,
      0,
      null,
    ])
    .catch((error: unknown) =>
      log.error(
        { tenantId: credential.tenantId, credentialId: credential.id, err: error },
        "Could not record a refusal",
      ),
    );
}

/** The summary of a session that logged in, written when it ends. */
export function recordSession(
  sql: RelaySql,
  credential: Credential,
  session: { clientIp: string; startedAt: Date; messages: number; refusals: number },
  log: Log,
): void {
  sql
    .query("event", INSERT_EVENT, [
      credential.tenantId,
      credential.id,
      "session",
      session.clientIp,
      null,
      "",
      "",
      session.messages,
      session.refusals,
      session.startedAt.toISOString(),
    ])
    .catch((error: unknown) =>
      log.error(
        { tenantId: credential.tenantId, credentialId: credential.id, err: error },
        "Could not record a session",
      ),
    );
}

/** Marks the credential used now from this address (once per session, at login); the first use is kept. */
export function markCredentialUsed(sql: RelaySql, credential: Credential, clientIp: string, log: Log): void {
  sql
    .query(
      "mark_used",
      `UPDATE "RelayCredential"
          SET "lastUsedAt" = ${RELAY_NOW}, "lastUsedIp" = $3, "firstUsedAt" = COALESCE("firstUsedAt", ${RELAY_NOW}),
              "updatedAt" = ${RELAY_NOW}
        WHERE id = $1::uuid AND "tenantId" = $2::uuid`,
      [credential.id, credential.tenantId, clientIp],
    )
    .catch((error: unknown) =>
      log.error(
        { tenantId: credential.tenantId, credentialId: credential.id, err: error },
        "Could not record the credential's last use",
      ),
    );
}
