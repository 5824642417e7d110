import { isUuid } from "@/lib/ids/is-uuid";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ClientConfigurationIdInput } from "./client-configuration-form";

const NAMED_MAILBOXES = 5;

/**
 * Deletes a configuration that no mailbox uses. When some do, the refusal
 * names them (the first five and how many more), so that the admin knows
 * what to move first.
 */
export async function deleteClientConfiguration(ctx: TenantContext, { id }: ClientConfigurationIdInput) {
  if (!can(ctx, "clients.write")) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const config = await tx.clientConfiguration.findFirst({
        where: { id, tenantId: ctx.tenantId },
        select: { id: true, name: true, provider: true },
      });
      if (!config) throw notFound();
      const where = { tenantId: ctx.tenantId, clientConfigurationId: id };
      const count = await tx.mailbox.count({ where });
      if (count > 0) {
        const named = await tx.mailbox.findMany({
          where,
          select: { address: true },
          orderBy: { address: "asc" },
          take: NAMED_MAILBOXES,
        });
        throw inUse(
          named.map((m) => m.address),
          count,
        );
      }
      await tx.clientConfiguration.deleteMany({ where: { id, tenantId: ctx.tenantId } });
      await recordAudit(tx, ctx, {
        action: "client.deleted",
        targetType: "clientConfiguration",
        targetId: id,
        targetLabel: config.name,
        details: { provider: config.provider },
      });
      return { id, name: config.name };
    });
  } catch (error) {
    // A mailbox added between the count and the delete: the foreign key (Restrict) refuses.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new DomainError("conflict", "clients.delete.inUseNow");
    }
    throw error;
  }
}

function inUse(addresses: string[], count: number): DomainError {
  const more = count - addresses.length;
  const list = addresses.join(", ");
  return more > 0
    ? new DomainError("conflict", "clients.delete.inUseMore", { count, addresses: list, more })
    : new DomainError("conflict", "clients.delete.inUse", { count, addresses: list });
}
