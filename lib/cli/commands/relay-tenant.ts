import type { RelayAdmin } from "@/lib/relay-credentials/relay-admin";
import { findTenantBySlug } from "@/lib/tenants/find-tenant-by-slug";
import { cliActor, UsageError, type CliValues } from "../command";

/** The relay commands act for one tenant, named by --tenant: the command line as that tenant's relay admin. */
export async function relayAdminFromArgs(values: CliValues): Promise<{ by: RelayAdmin; slug: string }> {
  const slug = typeof values.tenant === "string" ? values.tenant.trim() : "";
  if (!slug) throw new UsageError("--tenant: give the short name of the school.");
  const tenant = await findTenantBySlug(slug);
  if (!tenant) throw new UsageError(`--tenant: there is no school with the short name ${slug}.`);
  return { by: { ...cliActor, tenantId: tenant.id }, slug: tenant.slug };
}
