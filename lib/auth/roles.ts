/** A person's role in a school; what each may do is lib/auth/permissions.ts. */
export type { TenantRole } from "@/lib/db/generated/enums";
