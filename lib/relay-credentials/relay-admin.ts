import type { AuditActor } from "@/lib/audit/record-audit";
import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";

/**
 * Who manages a school's relay credentials: a tenant admin in the portal, or
 * the operator command line for one tenant (scripts), which has no account.
 */
export type RelayAdmin = TenantContext | (AuditActor & { tenantId: string });

/** Throws unless `by` may change relay credentials; the command line always may. */
export function requireRelayAdmin(by: RelayAdmin): void {
  if ("role" in by && !can(by, "relay.write")) throw forbidden();
}
