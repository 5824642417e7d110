import { notFound } from "@/lib/errors/domain-error";
import type { DbTransaction } from "@/lib/db/client";

/** The school's endpoint `id`, locked for the change in progress; another school's answers "not found". */
export async function lockWebhookEndpoint(tx: DbTransaction, tenantId: string, id: string) {
  const rows = await tx.$queryRaw<{ id: string; url: string; enabled: boolean; secretCipher: string }[]>`
    SELECT id, url, enabled, "secretCipher" FROM "WebhookEndpoint"
     WHERE id = ${id}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  const endpoint = rows[0];
  if (!endpoint) throw notFound();
  return endpoint;
}
