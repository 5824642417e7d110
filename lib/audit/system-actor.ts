import type { AuditActor } from "./record-audit";

/** The audit log's name for what Relais does by itself (a refused refresh, a retried revocation). */
export const systemActor: AuditActor = { userId: null, email: "relais", ip: null };
