import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { usableMailboxWhere } from "./mail-sender";

/** The mailboxes this person may send from (not revoked), for the compose form and the filters. */
export async function listSendableMailboxes(ctx: TenantContext) {
  const db = await getDb();
  return db.mailbox.findMany({
    where: { ...usableMailboxWhere({ kind: "person", ctx }), state: { not: "revoked" } },
    orderBy: { address: "asc" },
    select: { id: true, address: true, displayName: true, state: true },
  });
}
