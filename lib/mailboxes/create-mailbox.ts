import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { fieldError } from "@/lib/errors/field-error";
import type { CreateMailboxInput } from "./mailbox-schemas";
import { normalizeMailboxAddress } from "./mailbox-address";
import { delegateAccountOf, transportOverrideOf } from "./mailbox-sending";
import { requireTenantMembers } from "./require-tenant-members";

/**
 * Adds a mailbox, not connected yet, under one of the tenant's client
 * configurations; optionally with a transport of its own and, for a shared
 * address, the delegate account that connects it.
 */
export async function createMailbox(ctx: TenantContext, input: CreateMailboxInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const address = normalizeMailboxAddress(input.address);
  if (!address) throw fieldError("address", "errors.validation.email");
  const delegateAccount = delegateAccountOf(input.delegateAccount ?? "", address);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const configuration = await tx.clientConfiguration.findFirst({
        where: { id: input.clientConfigurationId, tenantId: ctx.tenantId },
        select: { id: true, name: true, provider: true, apiBaseUrl: true, transport: true },
      });
      if (!configuration) throw fieldError("clientConfigurationId", "mailboxes.form.configurationUnknown");
      const transport = transportOverrideOf(configuration, input.transport ?? null);
      const members = await requireTenantMembers(tx, ctx.tenantId, input.members);
      const taken = await tx.mailbox.findFirst({
        where: { tenantId: ctx.tenantId, address },
        select: { id: true },
      });
      if (taken) throw fieldError("address", "mailboxes.form.addressTaken");
      const mailbox = await tx.mailbox.create({
        data: {
          tenantId: ctx.tenantId,
          address,
          displayName: input.displayName,
          clientConfigurationId: configuration.id,
          transport,
          delegateAccount,
        },
        select: { id: true, address: true },
      });
      if (members.length > 0) {
        await tx.mailboxAssignment.createMany({
          data: members.map((m) => ({ tenantId: ctx.tenantId, mailboxId: mailbox.id, userId: m.userId })),
        });
      }
      await recordAudit(tx, ctx, {
        action: "mailbox.created",
        targetType: "mailbox",
        targetId: mailbox.id,
        targetLabel: address,
        details: {
          configuration: configuration.name,
          members: members.map((m) => m.email),
          ...(transport ? { transport } : {}),
          ...(delegateAccount ? { delegateAccount } : {}),
        },
      });
      return mailbox;
    });
  } catch (error) {
    // The same address added at the same moment by someone else.
    if (isUniqueViolation(error)) throw fieldError("address", "mailboxes.form.addressTaken");
    throw error;
  }
}
