import type { Prisma } from "@/lib/db/generated/client";

/** An audit entry's details as stored: JSON, rendered in words by audit-detail-lines.ts. */
export type AuditDetailsJson = Prisma.JsonValue;
