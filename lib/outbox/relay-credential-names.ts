import { getDb } from "@/lib/db/client";

/**
 * The names of a tenant's relay credentials by id, for showing which device
 * sent a relayed mail. An id of another tenant is simply not in the answer.
 */
export async function relayCredentialNames(
  tenantId: string,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.relayCredential.findMany({
    where: { tenantId, id: { in: wanted } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, row.name]));
}
