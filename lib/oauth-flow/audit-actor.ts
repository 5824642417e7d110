import type { AuditActor } from "@/lib/audit/record-audit";
import type { TenantContext } from "@/lib/auth/tenant-context";
import type { FlowActor } from "./flow-actor";

/**
 * Who the audit log names: the signed-in person, or for a connect link the
 * mailbox's own address (the link's holder has no account, hence no userId).
 */
export function auditActorOf(
  actor: FlowActor,
  mailboxAddress: string,
): TenantContext | (AuditActor & { tenantId: string }) {
  if (actor.kind === "person") return actor.ctx;
  return { tenantId: actor.link.tenantId, userId: null, email: mailboxAddress, ip: actor.ip };
}
