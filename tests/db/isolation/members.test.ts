import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { inviteMember } from "@/lib/members/invite-member";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { resendInvitation } from "@/lib/members/resend-invitation";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { useTestDatabase } from "../../support/test-db";

useTestDatabase();

/** Tenant A's admin, and tenant B with a member and a pending invitation. */
async function twoTenants() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const ctxA = await contextFor(a.admin, a.tenant, "members.write");
  const ctxB = await contextFor(b.admin, b.tenant, "members.write");
  await inviteMember(ctxB, { email: `pending-${b.tenant.slug}@school.test`, role: "admin" });
  const db = await getDb();
  const bMembership = await db.membership.findFirstOrThrow({
    where: { tenantId: b.tenant.id, userId: b.member.id },
  });
  const bAdminMembership = await db.membership.findFirstOrThrow({
    where: { tenantId: b.tenant.id, userId: b.admin.id },
  });
  const bInvitation = await db.invitation.findFirstOrThrow({ where: { tenantId: b.tenant.id } });
  return { a, b, ctxA, bMembership, bAdminMembership, bInvitation };
}

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    memberships: await db.membership.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    invitations: await db.invitation.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    audit: await db.auditEntry.count({ where: { tenantId } }),
  };
}

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe("not_found");
}

describe("members entry points, acting as tenant A with tenant B's ids", () => {
  it("changeMemberRole answers not found and leaves B unchanged", async () => {
    const { b, ctxA, bMembership, bAdminMembership } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    await expectNotFound(changeMemberRole(ctxA, { membershipId: bMembership.id, role: "admin" }));
    await expectNotFound(changeMemberRole(ctxA, { membershipId: bAdminMembership.id, role: "member" }));
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("removeMember answers not found and leaves B unchanged", async () => {
    const { b, ctxA, bMembership, bAdminMembership } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    await expectNotFound(removeMember(ctxA, { membershipId: bMembership.id }));
    await expectNotFound(removeMember(ctxA, { membershipId: bAdminMembership.id }));
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("revokeInvitation answers not found and leaves B unchanged", async () => {
    const { b, ctxA, bInvitation } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    await expectNotFound(revokeInvitation(ctxA, { invitationId: bInvitation.id }));
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("resendInvitation answers not found, leaves B unchanged and mails nothing", async () => {
    const { b, ctxA, bInvitation } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    const db = await getDb();
    const mailsBefore = await db.capturedMail.count({ where: { to: bInvitation.email } });
    await expectNotFound(resendInvitation(ctxA, { invitationId: bInvitation.id }));
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
    expect(await db.capturedMail.count({ where: { to: bInvitation.email } })).toBe(mailsBefore);
  });

  it("listMembers shows none of B's members or invitations", async () => {
    const { a, b, ctxA, bInvitation } = await twoTenants();
    const list = await listMembers(ctxA);
    expect(list.members.map((m) => m.email).sort()).toEqual([a.admin.email, a.member.email].sort());
    expect(list.members.map((m) => m.email)).not.toContain(b.member.email);
    expect(list.invitations.map((i) => i.email)).not.toContain(bInvitation.email);
  });

  it("inviteMember does not see B's members as A's, and does not touch B's invitations", async () => {
    const { a, b, ctxA, bInvitation } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    await inviteMember(ctxA, { email: b.member.email, role: "member" });
    await inviteMember(ctxA, { email: bInvitation.email, role: "member" });
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
    const db = await getDb();
    expect(await db.invitation.count({ where: { tenantId: a.tenant.id, revokedAt: null } })).toBe(2);
  });
});
