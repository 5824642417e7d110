import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { mailboxScope } from "@/lib/auth/mailbox-scope";
import type { CreateApiKeyInput } from "./api-key-schemas";
import { newApiKey } from "./api-key-secret";

const noMailbox = () =>
  new DomainError("invalid_input", "errors.invalidInput", undefined, {
    mailboxIds: "outbox.apiKeys.noMailbox",
  });

/**
 * A key for the mail submission API, limited to some of the tenant's
 * mailboxes, and allowed to manage the school's webhook endpoints if asked
 * (then it may have no mailbox at all). The key is returned once.
 */
export async function createApiKey(ctx: TenantContext, input: CreateApiKeyInput) {
  const manageWebhooks = input.manageWebhooks === true;
  if (!can(ctx, "apiKeys.write")) throw forbidden();
  // A key cannot be given a right its creator does not have.
  if (manageWebhooks && !can(ctx, "webhooks.write")) throw forbidden();
  const mailboxIds = [...new Set(input.mailboxIds)];
  if (mailboxIds.length === 0 && !manageWebhooks) throw noMailbox();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const mailboxes = await tx.mailbox.findMany({
      // Only mailboxes the creator may send from (mailboxScope "send").
      where: { AND: [{ id: { in: mailboxIds } }, mailboxScope(ctx, "send")] },
      select: { id: true, address: true },
    });
    if (mailboxes.length !== mailboxIds.length) throw noMailbox();
    const { key, prefix, keyHash } = newApiKey();
    const apiKey = await tx.apiKey.create({
      data: {
        tenantId: ctx.tenantId,
        name: input.name,
        prefix,
        keyHash,
        manageWebhooks,
        createdById: ctx.userId,
        mailboxes: { create: mailboxes.map((m) => ({ mailboxId: m.id })) },
      },
      select: { id: true, prefix: true },
    });
    await recordAudit(tx, ctx, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: apiKey.id,
      targetLabel: input.name,
      details: { prefix, mailboxes: mailboxes.map((m) => m.address), manageWebhooks },
    });
    return { id: apiKey.id, prefix, key };
  });
}
