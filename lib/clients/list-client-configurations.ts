import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { clientConfigurationColumns, withoutCipher } from "./client-configuration-row";
import { secretExpiryStatus } from "./client-secret-expiry";
import { storedClientWarnings } from "./stored-client-warnings";

/** The tenant's configurations, by name, with how many mailboxes use each and what is wrong with it. */
export async function listClientConfigurations(ctx: TenantContext, now: Date = new Date()) {
  if (!can(ctx, "clients.read")) throw forbidden();
  const db = await getDb();
  const rows = await db.clientConfiguration.findMany({
    where: { tenantId: ctx.tenantId },
    select: {
      ...clientConfigurationColumns,
      clientSecretCipher: true,
      _count: { select: { mailboxes: { where: { tenantId: ctx.tenantId } } } },
    },
    orderBy: { name: "asc" },
  });
  return rows.map((stored) => {
    const { _count, ...row } = withoutCipher(stored);
    return {
      id: row.id,
      name: row.name,
      provider: row.provider,
      clientId: row.clientId,
      defaultFlow: row.defaultFlow,
      transport: row.transport,
      apiBaseUrl: row.apiBaseUrl,
      hasSecret: row.hasSecret,
      mailboxCount: _count.mailboxes,
      warnings: storedClientWarnings(row, row.hasSecret),
      broken: row.brokenAt ? { at: row.brokenAt, reason: row.brokenReason } : null,
      lastTestedAt: row.lastTestedAt,
      lastTestOutcome: row.lastTestOutcome,
      secretExpiry: secretExpiryStatus(row, now),
    };
  });
}

export type ClientConfigurationListItem = Awaited<ReturnType<typeof listClientConfigurations>>[number];
