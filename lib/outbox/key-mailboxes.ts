import { processSql } from "@/lib/db/process-sql";
import type { QueueingMailbox } from "./outgoing-mail-row";
import type { providerFamily } from "./mail-limits";
import type { MailboxSelector } from "./mail-sender";

/** A mailbox an API key may queue from, with its provider for the checks. */
export type KeyMailbox = QueueingMailbox & { provider: Parameters<typeof providerFamily>[0] };

/**
 * The mailboxes listed on the key, unrevoked, among those named by address
 * (lower-cased) or id, in one named statement: the API's hottest read
 * (docs/api-submission.md). Another school's mailbox, or one not on the key, is simply
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

/**
 * How long a key's mailbox, once read, serves its next submissions without
 * being read again. Nothing stale can be written meanwhile: the insert checks
 * the key and the mailbox again (insert-mail-rows.ts), and a refusal reads
 * them afresh (queue-mail.ts). It spares one statement of the API's hottest
 * request (bench/README.md, "API load"; docs/api-submission.md).
 */
const REUSE_MS = 5_000;
const MAX_REMEMBERED = 10_000;
const remembered = new Map<string, { mailbox: KeyMailbox; until: number }>();

const rememberKey = (sender: { apiKeyId: string }, selector: MailboxSelector) =>
  `${sender.apiKeyId}|${"address" in selector ? `a:${selector.address.trim().toLowerCase()}` : `i:${selector.mailboxId}`}`;

/**
 * The key's mailbox named by `selector`, read within the last few seconds
 * (`reuse`) or now; null when the key does not hold it.
 */
export async function keyMailbox(
  sender: { tenantId: string; apiKeyId: string },
  selector: MailboxSelector,
  reuse: boolean,
): Promise<{ mailbox: KeyMailbox | null; reused: boolean }> {
  const key = rememberKey(sender, selector);
  const now = Date.now();
  const known = reuse ? remembered.get(key) : undefined;
  if (known && known.until > now) return { mailbox: known.mailbox, reused: true };
  const [mailbox] = await keyMailboxes(
    sender,
    "address" in selector ? [selector.address.trim().toLowerCase()] : [],
    "mailboxId" in selector ? [selector.mailboxId] : [],
  );
  remembered.delete(key);
  // A revoked mailbox is not kept: it refuses before the insert, and may be reconnected any moment.
  if (mailbox && mailbox.state !== "revoked") {
    // The oldest entry goes first (a Map keeps insertion order).
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, { mailbox, until: now + REUSE_MS });
  }
  return { mailbox: mailbox ?? null, reused: false };
}
