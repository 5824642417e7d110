import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { mailTransports } from "@/lib/transports/mail-transports";
import { transportProblem } from "@/lib/transports/transport-problem";
import { auditEntryRow, slices } from "@/lib/audit/audit-entry-rows";
import { fieldError } from "@/lib/errors/field-error";
import { queueProviderRevocation } from "@/lib/revocation/queue-provider-revocation";
import { revocationDetail } from "@/lib/revocation/revoke-connection";
import { connectionReset } from "../update-mailbox";
import { emptyReport, type BulkReport } from "./bulk-report";
import type { ConnectionState } from "@/lib/db/generated/enums";
import type { BulkTarget } from "./resolve-bulk-targets";

/**
 * Moves every target to another of the tenant's configurations. As for one
 * mailbox (updateMailbox), the tokens belong to the old client: the
 * connection is erased and the mailbox is pending again, and the grant is
 * withdrawn at the old client's provider (a pending revocation each, sent by
 * the workers' maintenance chore, which retries it). A transport of a
 * mailbox's own that the new configuration cannot send through (or sends
 * through anyway) is dropped: it follows the new configuration's.
 */
export async function bulkChangeConfiguration(
  ctx: TenantContext,
  targets: BulkTarget[],
  clientConfigurationId: string,
): Promise<BulkReport> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const configuration = await tx.clientConfiguration.findFirst({
      where: { id: clientConfigurationId, tenantId: ctx.tenantId },
      select: { id: true, name: true, provider: true, apiBaseUrl: true, transport: true },
    });
    if (!configuration) throw fieldError("clientConfigurationId", "mailboxes.form.configurationUnknown");
    // Locked first, all at once and in id order as every path that locks several mailboxes: a grant
    // being stored meanwhile (storeConnectionTokens locks the row too) is either here to be withdrawn
    // below, or refused once this commits. What moves is decided from the rows as locked, not as
    // listed: a mailbox deleted since is left out, one moved since is judged where it is now.
    const locked = new Map(
      (
        await tx.$queryRaw<{ id: string; clientConfigurationId: string; state: ConnectionState }[]>`
          SELECT id::text AS id, "clientConfigurationId"::text AS "clientConfigurationId", state
            FROM "Mailbox"
           WHERE "tenantId" = ${ctx.tenantId}::uuid AND id = ANY(${targets.map((m) => m.id)}::uuid[])
           ORDER BY id
             FOR UPDATE`
      ).map((row) => [row.id, row]),
    );
    const current = targets.flatMap((m) => {
      const row = locked.get(m.id);
      return row ? [{ ...m, clientConfigurationId: row.clientConfigurationId, state: row.state }] : [];
    });
    const report = emptyReport();
    const moving = current.filter((m) => m.clientConfigurationId !== configuration.id);
    for (const m of current) {
      if (m.clientConfigurationId === configuration.id) {
        report.skipped.push({ id: m.id, address: m.address, reason: "same_configuration" });
      }
    }
    // Also the new configuration's own transport: that is no override.
    const unusable = mailTransports.filter(
      (transport) => transport === configuration.transport || transportProblem(configuration, transport),
    );
    for (const slice of slices(moving)) {
      // Before the tokens are erased: each grant is queued for withdrawal at the provider that issued it.
      const held = await tx.mailbox.findMany({
        where: {
          tenantId: ctx.tenantId,
          id: { in: slice.map((m) => m.id) },
          OR: [{ refreshTokenCipher: { not: null } }, { accessTokenCipher: { not: null } }],
        },
        select: {
          id: true,
          tenantId: true,
          refreshTokenCipher: true,
          accessTokenCipher: true,
          clientConfiguration: {
            select: { id: true, provider: true, clientId: true, revocationEndpoint: true },
          },
        },
      });
      const withdrawn = new Map<string, string>();
      for (const { clientConfiguration, ...tokens } of held) {
        withdrawn.set(
          tokens.id,
          revocationDetail(await queueProviderRevocation(tx, tokens, clientConfiguration)),
        );
      }
      await tx.mailbox.updateMany({
        where: { tenantId: ctx.tenantId, id: { in: slice.map((m) => m.id) } },
        data: { clientConfigurationId: configuration.id, ...connectionReset },
      });
      await tx.mailbox.updateMany({
        where: { tenantId: ctx.tenantId, id: { in: slice.map((m) => m.id) }, transport: { in: unusable } },
        data: { transport: null },
      });
      await tx.auditEntry.createMany({
        data: slice.map((m) =>
          auditEntryRow(ctx, {
            action: "mailbox.updated",
            targetType: "mailbox",
            targetId: m.id,
            targetLabel: m.address,
            details: {
              configuration: { to: configuration.name },
              previousState: m.state,
              bulk: true,
              ...(withdrawn.has(m.id) ? { providerRevocation: withdrawn.get(m.id) } : {}),
            },
          }),
        ),
      });
    }
    report.done.push(...moving.map((m) => ({ id: m.id, address: m.address })));
    return report;
  });
}
