import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { queueProviderRevocation } from "@/lib/revocation/queue-provider-revocation";
import { askProviderNow, revocationDetail } from "@/lib/revocation/revoke-connection";
import { isUuid } from "@/lib/ids/is-uuid";
import type { MailboxIdInput } from "./mailbox-schemas";

/**
 * Deletes a mailbox with its tokens, assignments, connect links and sent
 * mail. Mail still waiting to go out would be lost without a word, so a
 * mailbox with some is refused until it is cancelled or sent. The grant at
 * the provider is withdrawn as a revocation withdraws it: the token waits in
 * a pending revocation (which outlives the mailbox), and the provider is
 * asked once the deletion is committed, and later again if unreachable.
 */
export async function deleteMailbox(ctx: TenantContext, input: MailboxIdInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  const deleted = await db.$transaction(async (tx) => {
    const mailbox = await tx.mailbox.findFirst({
      where: { id: input.id, tenantId: ctx.tenantId },
      select: {
        id: true,
        tenantId: true,
        address: true,
        state: true,
        accessTokenCipher: true,
        refreshTokenCipher: true,
        clientConfiguration: {
          select: { id: true, name: true, provider: true, clientId: true, revocationEndpoint: true },
        },
      },
    });
    if (!mailbox) throw notFound();
    const waiting = await tx.outgoingMail.count({
      where: { tenantId: ctx.tenantId, mailboxId: mailbox.id, status: { in: ["queued", "sending", "held"] } },
    });
    if (waiting > 0) throw new DomainError("conflict", "mailboxes.delete.mailWaiting", { count: waiting });
    const revocation = await queueProviderRevocation(tx, mailbox, mailbox.clientConfiguration);
    const { count } = await tx.mailbox.deleteMany({ where: { id: mailbox.id, tenantId: ctx.tenantId } });
    if (count !== 1) throw notFound();
    await recordAudit(tx, ctx, {
      action: "mailbox.deleted",
      targetType: "mailbox",
      targetId: mailbox.id,
      targetLabel: mailbox.address,
      details: {
        state: mailbox.state,
        configuration: mailbox.clientConfiguration.name,
        providerRevocation: revocationDetail(revocation),
      },
    });
    return { address: mailbox.address, revocation };
  });
  return {
    address: deleted.address,
    providerRevocation: await askProviderNow(ctx.tenantId, deleted.revocation),
  };
}
