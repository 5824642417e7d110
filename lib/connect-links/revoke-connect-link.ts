import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import type { ConnectLinkIdInput } from "./connect-link-schemas";

/** Withdraws a link that was not used: its page answers "revoked" from now on. */
export async function revokeConnectLink(ctx: TenantContext, input: ConnectLinkIdInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const link = await tx.connectLink.findFirst({
      where: { id: input.id, tenantId: ctx.tenantId },
      select: { id: true, mailboxId: true, mailbox: { select: { address: true } } },
    });
    if (!link) throw notFound();
    // Conditional: a link used at this very moment stays used.
    const { count } = await tx.connectLink.updateMany({
      where: { id: link.id, tenantId: ctx.tenantId, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) throw new DomainError("conflict", "mailboxes.connectLinks.notRevocable");
    await recordAudit(tx, ctx, {
      action: "connect_link.revoked",
      targetType: "mailbox",
      targetId: link.mailboxId,
      targetLabel: link.mailbox.address,
      details: { connectLinkId: link.id },
    });
    return { address: link.mailbox.address };
  });
}
