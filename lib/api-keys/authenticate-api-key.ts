import { getDb } from "@/lib/db/client";
import type { MailSender } from "@/lib/outbox/mail-sender";
import { apiKeyFromHeader, hashApiKey } from "./api-key-secret";

const LAST_USED_RESOLUTION_MS = 60_000;

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
  const db = await getDb();
  // One statement: the key, unrevoked, of a school that is not suspended.
  const row = await db.apiKey.findFirst({
    where: { keyHash: hashApiKey(key), revokedAt: null, tenant: { suspendedAt: null } },
    select: { id: true, tenantId: true, prefix: true, manageWebhooks: true, lastUsedAt: true },
  });
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.updateMany({
      where: {
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
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
