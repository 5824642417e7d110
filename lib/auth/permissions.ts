import type { TenantRole } from "@/lib/db/generated/enums";

// Each entry point names the permission it needs; roles map to permissions
// here and nowhere else.
// Members may use outbox.* only for mailboxes assigned to them: the queries check the assignment.
const memberPermissions = ["tenant.read", "outbox.read", "outbox.write"] as const;
const adminPermissions = [
  ...memberPermissions,
  // The school's own settings (retention of mail content).
  "tenant.write",
  "members.read",
  "members.write",
  "audit.read",
  "clients.read",
  "clients.write",
  "mailboxes.read",
  "mailboxes.write",
  "apiKeys.write",
  "relay.write",
  "migration.write",
  "webhooks.write",
] as const;

export type Permission = (typeof adminPermissions)[number];

const byRole: Record<TenantRole, readonly Permission[]> = {
  admin: adminPermissions,
  member: memberPermissions,
};

export function roleHas(role: TenantRole, permission: Permission): boolean {
  return byRole[role].includes(permission);
}
