import { NAMED_SQL_NOW } from "@/lib/db/named-sql";
import { processSql } from "@/lib/db/process-sql";
import type { MailSender } from "@/lib/outbox/mail-sender";
import { apiKeyFromHeader, hashApiKey } from "./api-key-secret";

const LAST_USED_RESOLUTION_MS = 60_000;

type KeyRow = { id: string; tenantId: string; prefix: string; manageWebhooks: boolean; noteUse: boolean };

const FIND_KEY = `
  SELECT k.id::text AS id, k."tenantId"::text AS "tenantId", k.prefix, k."manageWebhooks",
         (k."lastUsedAt" IS NULL OR k."lastUsedAt" < ${NAMED_SQL_NOW} - make_interval(secs => $2::float8)) AS "noteUse"
    FROM "ApiKey" k JOIN "Tenant" t ON t.id = k."tenantId"
   WHERE k."keyHash" = $1 AND k."revokedAt" IS NULL AND t."suspendedAt" IS NULL`;

// Conditional, so that concurrent requests of a busy key write it once.
const NOTE_USE = `
  UPDATE "ApiKey" SET "lastUsedAt" = ${NAMED_SQL_NOW}
   WHERE id = $1::uuid
     AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${NAMED_SQL_NOW} - make_interval(secs => $2::float8))`;

export type ApiKeySender = Extract<MailSender, { kind: "apiKey" }>;

/** A valid key: the sender it stands for, with what the key may do besides sending. */
export type AuthenticatedApiKey = {
  sender: ApiKeySender;
  /** The key's public prefix (`relais_<prefix>_…`), for the audit log. */
  prefix: string;
  /** Whether the key may manage the school's webhook endpoints. */
  manageWebhooks: boolean;
};

/**
 * The key behind an `Authorization: Bearer relais_…` header, or null (the
 * route answers 401): unknown, malformed or revoked keys alike, and keys of a
 * suspended school. Notes the use at most once a minute, so that busy keys do
 * not write on every request.
 */
export async function authenticateApiKeyWithRights(
  authorization: string | null,
): Promise<AuthenticatedApiKey | null> {
  const key = apiKeyFromHeader(authorization);
  if (!key) return null;
  const sql = await processSql();
  // One statement, named (every API request runs it): the key, unrevoked, of a school that is not
  // suspended, and whether its last use is older than the resolution.
  const [row] = await sql.query<KeyRow>("api_key", FIND_KEY, [
    hashApiKey(key),
    LAST_USED_RESOLUTION_MS / 1000,
  ]);
  if (!row) return null;
  if (row.noteUse) await sql.query("api_key_used", NOTE_USE, [row.id, LAST_USED_RESOLUTION_MS / 1000]);
  return {
    sender: { kind: "apiKey", tenantId: row.tenantId, apiKeyId: row.id },
    prefix: row.prefix,
    manageWebhooks: row.manageWebhooks,
  };
}

/** The sender behind an `Authorization: Bearer relais_…` header, or null (the route answers 401). */
export async function authenticateApiKey(authorization: string | null): Promise<ApiKeySender | null> {
  return (await authenticateApiKeyWithRights(authorization))?.sender ?? null;
}
