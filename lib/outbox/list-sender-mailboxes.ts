import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import {
  healthOfMailbox,
  loadMailboxHealthExtras,
  mailboxHealthSelect,
} from "@/lib/mailbox-health/load-mailbox-health";
import { isUuid } from "@/lib/ids/is-uuid";
import { usableMailboxWhere } from "./mail-sender";
import { sendingVerdict } from "./sending-verdict";

/**
 * The mailboxes this person may send from, revoked ones included, each with
 * its health line and what a mail queued from it now would do (sent, held
 * until…, refused): the compose page's sender list, and the check before a
 * portal mail is queued (`only`: that one mailbox, or none when it is not
 * the person's to use).
 */
export async function listSenderMailboxes(ctx: TenantContext, only?: string) {
  if (only !== undefined && !isUuid(only)) return [];
  const db = await getDb();
  const rows = await db.mailbox.findMany({
    where: { ...usableMailboxWhere({ kind: "person", ctx }), ...(only ? { id: only } : {}) },
    orderBy: { address: "asc" },
    select: { ...mailboxHealthSelect, id: true, address: true, displayName: true },
  });
  const extras = await loadMailboxHealthExtras(
    ctx.tenantId,
    rows.map((row) => row.id),
  );
  const now = new Date();
  return rows.map((row) => {
    const health = healthOfMailbox(row, extras, now);
    return {
      id: row.id,
      address: row.address,
      displayName: row.displayName,
      state: row.state,
      pausedUntil: row.pausedUntil,
      health,
      verdict: sendingVerdict(health.code),
    };
  });
}

export type SenderMailbox = Awaited<ReturnType<typeof listSenderMailboxes>>[number];
