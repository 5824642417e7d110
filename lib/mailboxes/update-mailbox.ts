import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/auth/errors";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { queueProviderRevocation } from "@/lib/revocation/queue-provider-revocation";
import { askProviderNow, revocationDetail } from "@/lib/revocation/revoke-connection";
import { isUuid } from "./mailbox-id";
import type { Prisma } from "@/lib/db/generated/client";
import { fieldError } from "./field-error";
import type { UpdateMailboxInput } from "./mailbox-schemas";

/**
 * Tokens are issued to one OAuth client: under another configuration they
 * are worthless (a refresh would be refused as invalid_grant), so the
 * mailbox starts again from "not connected" and its owner connects it anew.
 */
export const connectionReset = {
  state: "pending",
  accessTokenCipher: null,
  refreshTokenCipher: null,
  accessTokenExpiresAt: null,
  refreshTokenExpiresAt: null,
  grantedScopes: [],
  authorizedAccount: null,
  connectedAt: null,
  lastRefreshAt: null,
  lastErrorCode: null,
  lastErrorAt: null,
  ownersNotifiedAt: null,
} satisfies Prisma.MailboxUpdateManyMutationInput;

/**
 * Renames a mailbox or moves it to another of the tenant's configurations
 * (which disconnects it: the old grant is withdrawn at the old
 * configuration's provider, as a revocation withdraws it).
 */
export async function updateMailbox(ctx: TenantContext, input: UpdateMailboxInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  const updated = await db.$transaction(async (tx) => {
    const mailbox = await tx.mailbox.findFirst({
      where: { id: input.id, tenantId: ctx.tenantId },
      select: {
        id: true,
        address: true,
        displayName: true,
        state: true,
        tenantId: true,
        accessTokenCipher: true,
        refreshTokenCipher: true,
        clientConfigurationId: true,
        clientConfiguration: { select: { name: true, provider: true, revocationEndpoint: true } },
      },
    });
    if (!mailbox) throw notFound();
    const moved = input.clientConfigurationId !== mailbox.clientConfigurationId;
    let configurationName = mailbox.clientConfiguration.name;
    if (moved) {
      const configuration = await tx.clientConfiguration.findFirst({
        where: { id: input.clientConfigurationId, tenantId: ctx.tenantId },
        select: { name: true },
      });
      if (!configuration) throw fieldError("clientConfigurationId", "mailboxes.form.configurationUnknown");
      configurationName = configuration.name;
    }
    // Whether there was anything to lose: a pending mailbox that never held a token loses nothing.
    const heldTokens = mailbox.refreshTokenCipher !== null || mailbox.accessTokenCipher !== null;
    const disconnected = moved && (mailbox.state !== "pending" || heldTokens);
    const revocation =
      moved && heldTokens ? await queueProviderRevocation(tx, mailbox, mailbox.clientConfiguration) : null;
    const { count } = await tx.mailbox.updateMany({
      where: { id: mailbox.id, tenantId: ctx.tenantId },
      data: {
        displayName: input.displayName,
        ...(moved ? { clientConfigurationId: input.clientConfigurationId, ...connectionReset } : {}),
      },
    });
    if (count !== 1) throw notFound();
    await recordAudit(tx, ctx, {
      action: "mailbox.updated",
      targetType: "mailbox",
      targetId: mailbox.id,
      targetLabel: mailbox.address,
      details: {
        ...(input.displayName !== mailbox.displayName
          ? { displayName: { from: mailbox.displayName, to: input.displayName } }
          : {}),
        ...(moved
          ? {
              configuration: { from: mailbox.clientConfiguration.name, to: configurationName },
              previousState: mailbox.state,
              disconnected,
              ...(revocation
                ? { providerRevocation: revocationDetail(revocation.pendingId, revocation.hadEndpoint) }
                : {}),
            }
          : {}),
      },
    });
    return { id: mailbox.id, address: mailbox.address, moved, disconnected, revocation };
  });
  const { revocation, ...result } = updated;
  if (revocation) await askProviderNow(ctx.tenantId, revocation);
  return result;
}
