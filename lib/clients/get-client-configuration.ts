import { isUuid } from "@/lib/ids/is-uuid";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { clientConfigurationColumns, withoutCipher } from "./client-configuration-row";
import { storedClientWarnings } from "./stored-client-warnings";

/**
 * One configuration for its page and edit form: every column but the secret,
 * of which only `hasSecret` and its hint (`••••abcd`) are given.
 */
export async function getClientConfiguration(ctx: TenantContext, id: string) {
  if (!can(ctx, "clients.read")) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const stored = await db.clientConfiguration.findFirst({
    where: { id, tenantId: ctx.tenantId },
    select: {
      ...clientConfigurationColumns,
      clientSecretCipher: true,
      _count: { select: { mailboxes: { where: { tenantId: ctx.tenantId } } } },
    },
  });
  if (!stored) throw notFound();
  const { _count, ...row } = withoutCipher(stored);
  return {
    ...row,
    secretHint: row.hasSecret ? row.clientSecretHint : null,
    mailboxCount: _count.mailboxes,
    warnings: storedClientWarnings(row, row.hasSecret),
  };
}

export type ClientConfigurationDetails = Awaited<ReturnType<typeof getClientConfiguration>>;
