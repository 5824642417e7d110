import { isUuid } from "@/lib/ids/is-uuid";
import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { restoreConfigErrorConnections } from "./restore-config-error-connections";
import { noteExpiredClientSecret } from "./note-expired-client-secret";
import type { ClientConfigurationIdInput } from "./client-configuration-form";
import { probeTokenEndpoint } from "./probe-token-endpoint";

/**
 * "Test this configuration": asks the token endpoint whether it knows this
 * client, without any mailbox. Stores the outcome's short code, and lifts a
 * "broken" flag when the provider has just accepted the client.
 */
export async function testClientConfiguration(ctx: TenantContext, { id }: ClientConfigurationIdInput) {
  if (!can(ctx, "clients.write")) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const config = await db.clientConfiguration.findFirst({ where: { id, tenantId: ctx.tenantId } });
  if (!config) throw notFound();
  // Outside any transaction: a slow provider must not hold a database connection.
  const result = await probeTokenEndpoint(config);
  const testedAt = new Date();
  await db.$transaction(async (tx) => {
    const { count } = await tx.clientConfiguration.updateMany({
      where: { id, tenantId: ctx.tenantId },
      data: {
        lastTestedAt: testedAt,
        lastTestOutcome: result.outcome,
        ...(result.success ? { brokenAt: null, brokenReason: null } : {}),
      },
    });
    if (count !== 1) throw notFound();
    if (result.outcome === "secret_expired") {
      await noteExpiredClientSecret(tx, { tenantId: ctx.tenantId, clientConfigurationId: id, now: testedAt });
    }
    if (result.success) {
      // The provider accepts the client again: connections it had stopped may resume.
      await restoreConfigErrorConnections(tx, { tenantId: ctx.tenantId, clientConfigurationId: id });
    }
    await recordAudit(tx, ctx, {
      action: "client.tested",
      targetType: "clientConfiguration",
      targetId: id,
      targetLabel: config.name,
      details: {
        outcome: result.outcome,
        status: result.status,
        providerError: result.providerError,
        aadsts: result.aadsts,
      },
    });
  });
  return { ...result, testedAt };
}
