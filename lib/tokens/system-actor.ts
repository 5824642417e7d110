import type { AuditActor } from "@/lib/audit/record-audit";

/** The audit log's name for what Relais does by itself (a refused refresh, a retried revocation). */
export const systemActor: AuditActor = { userId: null, email: "relais", ip: null };
