import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { mailboxFilterSql } from "../mailbox-filter";
import { isUuid } from "@/lib/ids/is-uuid";
import type { BulkTargetInput } from "./bulk-schemas";

/** More than this at once is refused: the person narrows the filter (each mailbox is audited). */
export const maxBulkTargets = 5000;

/** The tenant-scoped condition (on `"Mailbox" m`) of a bulk target: the table's own for a filter. */
export function bulkTargetSql(ctx: TenantContext, target: BulkTargetInput): Prisma.Sql {
  if (target.scope === "selection") {
    const ids = [...new Set(target.ids)];
    if (ids.length === 0 || !ids.every(isUuid)) throw notFound();
    return Prisma.sql`m."tenantId" = ${ctx.tenantId}::uuid AND m.id = ANY(${ids}::uuid[])`;
  }
  return mailboxFilterSql(ctx, {
    search: target.q,
    state: target.state,
    configurationId: target.config,
    provider: target.provider,
    memberId: target.member,
  });
}

/** How many mailboxes an action would touch, for its confirmation. */
export async function countBulkTargets(ctx: TenantContext, target: BulkTargetInput): Promise<number> {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const db = await getDb();
  const [{ count }] = await db.$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS count FROM "Mailbox" m WHERE ${bulkTargetSql(ctx, target)}`;
  if (target.scope === "selection" && count !== new Set(target.ids).size) throw notFound();
  return count;
}

/**
 * The mailboxes of a bulk target. A selection holding any id that is not the
 * tenant's touches nothing (not found), exactly as for a single mailbox.
 */
export async function resolveBulkTargets(ctx: TenantContext, target: BulkTargetInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const db = await getDb();
  const mailboxes = await db.$queryRaw<
    { id: string; address: string; state: ConnectionState; clientConfigurationId: string }[]
  >`
    SELECT m.id, m.address, m.state::text AS state, m."clientConfigurationId"
    FROM "Mailbox" m WHERE ${bulkTargetSql(ctx, target)}
    ORDER BY m.address
    LIMIT ${maxBulkTargets + 1}`;
  if (target.scope === "selection" && mailboxes.length !== new Set(target.ids).size) throw notFound();
  if (mailboxes.length > maxBulkTargets) {
    throw new DomainError("invalid_input", "dashboard.bulk.tooMany", { max: maxBulkTargets });
  }
  return mailboxes;
}

export type BulkTarget = Awaited<ReturnType<typeof resolveBulkTargets>>[number];
