import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/auth/errors";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
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

/** Renames a mailbox or moves it to another of the tenant's configurations (which disconnects it). */
export async function updateMailbox(ctx: TenantContext, input: UpdateMailboxInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const mailbox = await tx.mailbox.findFirst({
      where: { id: input.id, tenantId: ctx.tenantId },
      select: {
        id: true,
        address: true,
        displayName: true,
        state: true,
        clientConfigurationId: true,
        clientConfiguration: { select: { name: true } },
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
    const disconnected =
      moved &&
      (mailbox.state !== "pending" ||
        (await tx.mailbox.count({
          where: {
            id: mailbox.id,
            tenantId: ctx.tenantId,
            OR: [{ refreshTokenCipher: { not: null } }, { accessTokenCipher: { not: null } }],
          },
        })) > 0);
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
            }
          : {}),
      },
    });
    return { id: mailbox.id, address: mailbox.address, moved, disconnected };
  });
}
