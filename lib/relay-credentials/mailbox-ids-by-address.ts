import { getDb } from "@/lib/db/client";

/** The ids of a tenant's mailboxes named by address (command line); the addresses not found, in order. */
export async function mailboxIdsByAddress(
  tenantId: string,
  addresses: string[],
): Promise<{ ids: string[]; missing: string[] }> {
  const wanted = addresses.map((address) => address.trim().toLowerCase()).filter((a) => a.length > 0);
  const db = await getDb();
  const rows = await db.mailbox.findMany({
    where: { tenantId, address: { in: wanted } },
    select: { id: true, address: true },
  });
  const byAddress = new Map(rows.map((row) => [row.address, row.id]));
  return {
    ids: wanted.flatMap((address) => byAddress.get(address) ?? []),
    missing: wanted.filter((address) => !byAddress.has(address)),
  };
}
