import type { TenantRole } from "@/lib/db/generated/enums";

// Each entry point names the permission it needs; roles map to permissions
// here and nowhere else.
// Members act on the mailboxes assigned to them: the `*.assigned` permissions.
// Admins hold the `*.any` ones (and `mailboxes.read`), which reach every
// mailbox of the school. Which mailboxes a query reaches is decided from these
// in one place: lib/auth/mailbox-scope.ts.
const memberPermissions = [
  "tenant.read",
  // Outgoing mail of the mailboxes the person may send from.
  "outbox.read",
  "outbox.write",
  "mailboxes.see.assigned",
  "mailboxes.send.assigned",
  "mailboxes.connect.assigned",
  "mailboxes.revoke.assigned",
] as const;
const adminPermissions = [
  ...memberPermissions,
  // The school's own settings (retention of mail content).
  "tenant.write",
  "members.read",
  "members.write",
  "audit.read",
  "clients.read",
  "clients.write",
  // Every mailbox of the school: the list, and seeing any of them.
  "mailboxes.read",
  "mailboxes.write",
  "mailboxes.send.any",
  "mailboxes.connect.any",
  "mailboxes.revoke.any",
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
