import { processSql } from "@/lib/db/process-sql";
import type { QueueingMailbox } from "./outgoing-mail-row";
import type { providerFamily } from "./mail-limits";

/** A mailbox an API key may queue from, with its provider for the checks. */
export type KeyMailbox = QueueingMailbox & { provider: Parameters<typeof providerFamily>[0] };

/**
 * The mailboxes listed on the key, unrevoked, among those named by address
 * (lower-cased) or id, in one named statement: the API's hottest read
 * (docs/api.md). Another school's mailbox, or one not on the key, is simply
 * absent.
 */
const KEY_MAILBOXES = `
  SELECT m.id::text AS id, m.address, m."displayName", m.state::text AS state,
         (m."pausedUntil" AT TIME ZONE 'UTC') AS "pausedUntil", c.provider::text AS provider
    FROM "ApiKeyMailbox" km
    JOIN "ApiKey" k ON k."tenantId" = km."tenantId" AND k.id = km."apiKeyId" AND k."revokedAt" IS NULL
    JOIN "Mailbox" m ON m."tenantId" = km."tenantId" AND m.id = km."mailboxId"
    JOIN "ClientConfiguration" c ON c."tenantId" = m."tenantId" AND c.id = m."clientConfigurationId"
   WHERE km."tenantId" = $1::uuid AND km."apiKeyId" = $2::uuid
     AND (m.address = ANY($3::text[]) OR m.id = ANY($4::uuid[]))`;

export async function keyMailboxes(
  sender: { tenantId: string; apiKeyId: string },
  addresses: string[],
  ids: string[],
): Promise<KeyMailbox[]> {
  const sql = await processSql();
  return sql.query<KeyMailbox>("key_mailboxes", KEY_MAILBOXES, [
    sender.tenantId,
    sender.apiKeyId,
    addresses,
    ids,
  ]);
}
