import { getDb } from "@/lib/db/client";
import { processSql } from "@/lib/db/process-sql";
import { isUuid } from "@/lib/ids/is-uuid";
import { queueingMailboxSelect, type QueueingMailbox } from "./outgoing-mail-row";
import type { providerFamily } from "./mail-limits";
import { usableMailboxWhere, type MailboxSelector, type MailSender } from "./mail-sender";

/** A mailbox a sender may queue from, with its provider for the checks. */
export type SenderMailbox = QueueingMailbox & { provider: Parameters<typeof providerFamily>[0] };

/** How a selector names its mailbox, the same for every reader: `a:<address, lower-cased>` or `i:<id>`. */
export const selectorKey = (selector: MailboxSelector) =>
  "address" in selector ? `a:${selector.address.trim().toLowerCase()}` : `i:${selector.mailboxId}`;

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

/**
 * The mailboxes the selectors name that this sender may queue from, in one
 * read: an API key's through the named statement above, a person's within
 * their mailbox scope (usableMailboxWhere). The others are simply absent.
 */
export async function senderMailboxes(
  sender: MailSender,
  selectors: MailboxSelector[],
): Promise<SenderMailbox[]> {
  const addresses = [
    ...new Set(selectors.flatMap((s) => ("address" in s ? [s.address.trim().toLowerCase()] : []))),
  ];
  const ids = [
    ...new Set(selectors.flatMap((s) => ("mailboxId" in s && isUuid(s.mailboxId) ? [s.mailboxId] : []))),
  ];
  if (sender.kind === "apiKey") {
    const sql = await processSql();
    return sql.query<SenderMailbox>("key_mailboxes", KEY_MAILBOXES, [
      sender.tenantId,
      sender.apiKeyId,
      addresses,
      ids,
    ]);
  }
  const db = await getDb();
  const rows = await db.mailbox.findMany({
    where: { ...usableMailboxWhere(sender), OR: [{ address: { in: addresses } }, { id: { in: ids } }] },
    select: queueingMailboxSelect,
  });
  return rows.map(({ clientConfiguration, ...row }) => ({ ...row, provider: clientConfiguration.provider }));
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
const remembered = new Map<string, { mailbox: SenderMailbox; until: number }>();

/**
 * The key's mailbox named by `selector`, read within the last few seconds
 * (`reuse`) or now; null when the key does not hold it.
 */
export async function keyMailbox(
  sender: Extract<MailSender, { kind: "apiKey" }>,
  selector: MailboxSelector,
  reuse: boolean,
): Promise<{ mailbox: SenderMailbox | null; reused: boolean }> {
  const key = `${sender.apiKeyId}|${selectorKey(selector)}`;
  const now = Date.now();
  const known = reuse ? remembered.get(key) : undefined;
  if (known && known.until > now) return { mailbox: known.mailbox, reused: true };
  const [mailbox] = await senderMailboxes(sender, [selector]);
  remembered.delete(key);
  // A revoked mailbox is not kept: it refuses before the insert, and may be reconnected any moment.
  if (mailbox && mailbox.state !== "revoked") {
    // The oldest entry goes first (a Map keeps insertion order).
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, { mailbox, until: now + REUSE_MS });
  }
  return { mailbox: mailbox ?? null, reused: false };
}
