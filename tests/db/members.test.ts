import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { verifyPassword } from "@/lib/auth/password";
import { hashLinkToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { inspectInvitation } from "@/lib/members/inspect-invitation";
import { inviteMember } from "@/lib/members/invite-member";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { requestNewInvitation } from "@/lib/members/request-new-invitation";
import { resendInvitation } from "@/lib/members/resend-invitation";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import { contextFor, seedMember, seedTenantWithPeople, seedUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { readable } from "../support/captured-mail";

useTestDatabase();

const password = "correct horse battery";
let counter = 0;
const newEmail = () => `invitee-${Date.now().toString(36)}-${++counter}@school.test`;

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** The token in the newest invitation mail to `email`. */
async function mailedToken(email: string): Promise<string> {
  const db = await getDb();
  const row = await db.capturedMail.findFirst({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const mail = row && readable(row);
  const token = mail?.text.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

// What a reader of each language sees of a moment in a zone, written independently of the code under test.
const moment = (locale: string, timeZone: string, date: Date) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone })
    .format(date)
    .replace(/\s/g, " ");
const plain = (text: string) => text.replace(/\s/g, " ");

async function adminSetup() {
  const people = await seedTenantWithPeople();
  const ctx = await contextFor(people.admin, people.tenant, "members.write");
  return { ...people, ctx };
}

async function membershipOf(tenantId: string, userId: string) {
  const db = await getDb();
  return db.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId, userId } } });
}

async function invite(role: "admin" | "member" = "member") {
  const setup = await adminSetup();
  const email = newEmail();
  const { invitationId } = await inviteMember(setup.ctx, { email, role });
  return { ...setup, email, invitationId, token: await mailedToken(email) };
}

describe("inviting", () => {
  it("stores the invitation with only the token's hash, mails the link and audits", async () => {
    const { ctx, tenant, admin } = await adminSetup();
    const email = newEmail();
    const { invitationId } = await inviteMember(ctx, { email: `  ${email.toUpperCase()} `, role: "admin" });
    const db = await getDb();
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row).toMatchObject({ tenantId: tenant.id, email, role: "admin", invitedById: admin.id });
    const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const mail = readable(await db.capturedMail.findFirstOrThrow({ where: { to: email } }));
    expect(mail.subject).toContain(tenant.name);
    expect(mail.text).toContain("Bonjour");
    expect(mail.text).toMatch(/https?:\/\/[^\s]+\/invitations\/[A-Za-z0-9_-]+/);
    const token = await mailedToken(email);
    expect(hashLinkToken(token)).toBe(row.tokenHash);
    expect(row.tokenHash).not.toContain(token);
    const audit = await db.auditEntry.findMany({ where: { tenantId: tenant.id, action: "member.invited" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, targetId: invitationId, targetLabel: email });
  });

  it("is mailed in the invitee's own language if their account chose one, else the school's, whatever the inviter's", async () => {
    const { tenant, admin } = await adminSetup();
    const db = await getDb();
    await db.user.update({ where: { id: admin.id }, data: { locale: "en" } });
    // Re-read: the context carries the school's language and zone.
    const ctx = await contextFor(admin, tenant, "members.write");
    const mailOf = async (email: string, invitationId: string) => ({
      mail: readable(
        await db.capturedMail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } }),
      ),
      expiresAt: (await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).expiresAt,
    });

    const newcomer = newEmail();
    const first = await mailOf(
      newcomer,
      (await inviteMember(ctx, { email: newcomer, role: "member" })).invitationId,
    );
    expect(first.mail.subject).toBe(`Vous êtes invité à rejoindre ${tenant.name} sur Relais`);
    expect(plain(first.mail.text)).toContain(
      `pendant 7 jours, jusqu’au ${moment("fr-FR", "Europe/Paris", first.expiresAt)} (fuseau Europe/Paris) :`,
    );

    const elsewhere = await seedUser({ locale: "en" });
    const second = await mailOf(
      elsewhere.email,
      (await inviteMember(ctx, { email: elsewhere.email, role: "member" })).invitationId,
    );
    expect(second.mail.subject).toBe(`You are invited to join ${tenant.name} on Relais`);
    expect(plain(second.mail.text)).toContain(
      `for 7 days, until ${moment("en-GB", "Europe/Paris", second.expiresAt)} (Europe/Paris time):`,
    );

    // An English-speaking school in Toronto.
    await db.tenant.update({ where: { id: tenant.id }, data: { locale: "en", timeZone: "America/Toronto" } });
    const toronto = await contextFor(admin, tenant, "members.write");
    const other = newEmail();
    const third = await mailOf(
      other,
      (await inviteMember(toronto, { email: other, role: "member" })).invitationId,
    );
    expect(third.mail.subject).toBe(`You are invited to join ${tenant.name} on Relais`);
    expect(plain(third.mail.text)).toContain(
      `until ${moment("en-GB", "America/Toronto", third.expiresAt)} (America/Toronto time):`,
    );
  });

  it("replaces an older pending invitation for the same address", async () => {
    const { ctx, tenant, email, invitationId: first, token: firstToken } = await invite();
    const { invitationId: second } = await inviteMember(ctx, { email, role: "admin" });
    const db = await getDb();
    const pending = await db.invitation.findMany({
      where: { tenantId: tenant.id, email, acceptedAt: null, revokedAt: null },
    });
    expect(pending.map((i) => i.id)).toEqual([second]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: first } })).revokedAt).not.toBeNull();
    expect((await inspectInvitation(firstToken)).state).toBe("revoked");
    const list = await listMembers(ctx);
    expect(list.invitations.filter((i) => i.email === email)).toHaveLength(1);
  });

  it("refuses an address that is already a member, with a field error", async () => {
    const { ctx, tenant, member } = await adminSetup();
    const error = await errorOf(inviteMember(ctx, { email: member.email.toUpperCase(), role: "admin" }));
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors).toEqual({ email: "members.invite.alreadyMember" });
    const db = await getDb();
    expect(await db.invitation.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.capturedMail.count({ where: { to: member.email } })).toBe(0);
  });

  it("lists members and pending invitations", async () => {
    const { ctx, admin, member, email } = await invite("admin");
    const list = await listMembers(ctx);
    expect(list.members.map((m) => m.email).sort()).toEqual([admin.email, member.email].sort());
    expect(list.invitations).toEqual([
      expect.objectContaining({
        email,
        role: "admin",
        expired: false,
        invitedBy: expect.objectContaining({ email: admin.email }),
      }),
    ]);
  });
});

describe("accepting", () => {
  it("creates the account, the membership and an audit entry with the new member as actor", async () => {
    const { tenant, email, token, invitationId } = await invite("admin");
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", account: "new", email });
    const result = await acceptInvitation(
      { token, name: "Ada Lovelace", password, passwordConfirmation: password },
      null,
      "198.51.100.4",
    );
    expect(result).toEqual({ tenantSlug: tenant.slug, tenantName: tenant.name, email, signIn: true });
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Ada Lovelace");
    expect(await verifyPassword(password, user.passwordHash!)).toBe(true);
    expect((await membershipOf(tenant.id, user.id)).role).toBe("admin");
    const invitation = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(invitation.acceptedAt).not.toBeNull();
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "invitation.accepted" },
    });
    expect(audit).toMatchObject({ actorId: user.id, actorLabel: email, targetId: invitationId });
    expect((await inspectInvitation(token)).state).toBe("used");
  });

  it("works once: a second acceptance fails and writes nothing", async () => {
    const { tenant, email, token } = await invite();
    const input = { token, name: "First", password, passwordConfirmation: password };
    await acceptInvitation(input, null, null);
    const error = await errorOf(acceptInvitation({ ...input, name: "Second" }, null, null));
    expect(error.messageKey).toBe("members.accept.states.used");
    const db = await getDb();
    const users = await db.user.findMany({ where: { email } });
    expect(users.map((u) => u.name)).toEqual(["First"]);
    expect(await db.membership.count({ where: { tenantId: tenant.id, userId: users[0]!.id } })).toBe(1);
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id, action: "invitation.accepted" } })).toBe(
      1,
    );
  });

  it("lets only one of two simultaneous acceptances through", async () => {
    const { tenant, email, token } = await invite();
    const input = { token, name: "Racer", password, passwordConfirmation: password };
    const results = await Promise.allSettled([
      acceptInvitation(input, null, null),
      acceptInvitation(input, null, null),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.membership.count({ where: { tenantId: tenant.id, user: { email } } })).toBe(1);
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id, action: "invitation.accepted" } })).toBe(
      1,
    );
  });

  it("refuses an expired invitation", async () => {
    const { tenant, email, token, invitationId } = await invite();
    const db = await getDb();
    await db.invitation.update({
      where: { id: invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await inspectInvitation(token)).state).toBe("expired");
    const error = await errorOf(
      acceptInvitation({ token, name: "Late", password, passwordConfirmation: password }, null, null),
    );
    expect(error.code).toBe("expired");
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id, action: "invitation.accepted" } })).toBe(
      0,
    );
  });

  it("answers unknown for a token that was never issued", async () => {
    expect(await inspectInvitation("not-a-real-token")).toEqual({ state: "unknown" });
    const error = await errorOf(acceptInvitation({ token: "not-a-real-token" }, null, null));
    expect(error.code).toBe("not_found");
  });

  it("answers field errors for a short password, a mismatch and a missing name", async () => {
    const { email, token, invitationId } = await invite();
    const error = await errorOf(
      acceptInvitation({ token, name: " ", password: "short", passwordConfirmation: "other" }, null, null),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors).toEqual({
      name: "errors.validation.required",
      password: "members.accept.errors.passwordTooShort",
      passwordConfirmation: "members.accept.errors.passwordMismatch",
    });
    const db = await getDb();
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).acceptedAt).toBeNull();
  });

  it("asks an account with a password to be signed in as itself", async () => {
    const { tenant, ctx } = await adminSetup();
    const existing = await seedUser({ password });
    const other = await seedUser({ password });
    await inviteMember(ctx, { email: existing.email, role: "member" });
    const token = await mailedToken(existing.email);
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", account: "has_password" });

    expect((await errorOf(acceptInvitation({ token }, null, null))).code).toBe("unauthenticated");
    expect((await errorOf(acceptInvitation({ token }, { userId: other.id }, null))).code).toBe("forbidden");
    const db = await getDb();
    expect(await db.membership.count({ where: { tenantId: tenant.id, userId: existing.id } })).toBe(0);

    const result = await acceptInvitation({ token, password: "ignored" }, { userId: existing.id }, null);
    expect(result.signIn).toBe(false);
    expect((await membershipOf(tenant.id, existing.id)).role).toBe("member");
    const user = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(await verifyPassword(password, user.passwordHash!)).toBe(true);
  });

  it("sets the password of an account that has none", async () => {
    const { tenant, ctx } = await adminSetup();
    const existing = await seedUser({ name: "Known Name" });
    await inviteMember(ctx, { email: existing.email, role: "member" });
    const token = await mailedToken(existing.email);
    expect(await inspectInvitation(token)).toMatchObject({ account: "needs_password", name: "Known Name" });
    const result = await acceptInvitation({ token, password, passwordConfirmation: password }, null, null);
    expect(result.signIn).toBe(true);
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(user.name).toBe("Known Name");
    expect(await verifyPassword(password, user.passwordHash!)).toBe(true);
    expect((await membershipOf(tenant.id, existing.id)).role).toBe("member");
  });

  it("keeps the higher role of someone who became a member meanwhile", async () => {
    const { tenant, ctx } = await adminSetup();
    const email = newEmail();
    await inviteMember(ctx, { email, role: "member" });
    const token = await mailedToken(email);
    // Made admin through another path after the invitation was sent.
    const person = await seedMember(tenant.id, "admin", { email, password });
    await acceptInvitation({ token }, { userId: person.id }, null);
    expect((await membershipOf(tenant.id, person.id)).role).toBe("admin");
  });
});

describe("revoking, resending and asking again", () => {
  it("revokes a pending invitation and audits it", async () => {
    const { ctx, tenant, token, invitationId } = await invite();
    await revokeInvitation(ctx, { invitationId });
    expect((await inspectInvitation(token)).state).toBe("revoked");
    const db = await getDb();
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id, action: "invitation.revoked" } })).toBe(
      1,
    );
    expect((await errorOf(revokeInvitation(ctx, { invitationId }))).code).toBe("conflict");
  });

  it("resends with a new link; the old one stops working", async () => {
    const { ctx, email, token: oldToken, invitationId } = await invite();
    await resendInvitation(ctx, { invitationId });
    const newToken = await mailedToken(email);
    expect(newToken).not.toBe(oldToken);
    expect((await inspectInvitation(oldToken)).state).toBe("unknown");
    expect((await inspectInvitation(newToken)).state).toBe("valid");
  });

  it("mails the admins when an expired invitation asks again, at most once an hour", async () => {
    const { tenant, admin, email, token, invitationId } = await invite();
    const db = await getDb();
    expect((await errorOf(requestNewInvitation(token, null))).messageKey).toBe("members.reinvite.notAllowed");
    await db.invitation.update({
      where: { id: invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const otherAdmin = await seedMember(tenant.id, "admin", { locale: "fr" });

    expect(await requestNewInvitation(token, "198.51.100.9")).toEqual({ tenantName: tenant.name });
    const toAdmin = await db.capturedMail.findFirstOrThrow({ where: { to: admin.email } });
    expect(toAdmin.subject).toContain(email);
    const toFrench = readable(await db.capturedMail.findFirstOrThrow({ where: { to: otherAdmin.email } }));
    expect(toFrench.text).toContain("Bonjour");

    expect((await errorOf(requestNewInvitation(token, null))).code).toBe("rate_limited");
    expect(await db.capturedMail.count({ where: { to: admin.email } })).toBe(1);
    expect(
      await db.auditEntry.count({ where: { tenantId: tenant.id, action: "invitation.reinvite_requested" } }),
    ).toBe(1);
  });

  it("refuses to ask again from a revoked or unknown invitation", async () => {
    const { ctx, token, invitationId } = await invite();
    await revokeInvitation(ctx, { invitationId });
    expect((await errorOf(requestNewInvitation(token, null))).code).toBe("conflict");
    expect((await errorOf(requestNewInvitation("nope", null))).code).toBe("not_found");
  });
});

describe("roles and removal", () => {
  it("changes a role and audits from and to", async () => {
    const { ctx, tenant, member } = await adminSetup();
    const membership = await membershipOf(tenant.id, member.id);
    const result = await changeMemberRole(ctx, { membershipId: membership.id, role: "admin" });
    expect(result.changed).toBe(true);
    expect((await membershipOf(tenant.id, member.id)).role).toBe("admin");
    const db = await getDb();
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "member.role_changed" },
    });
    expect(audit).toMatchObject({ targetId: membership.id, details: { from: "member", to: "admin" } });
  });

  it("refuses to demote or remove the last admin, and changes nothing", async () => {
    const { ctx, tenant, admin } = await adminSetup();
    const membership = await membershipOf(tenant.id, admin.id);
    const demote = await errorOf(changeMemberRole(ctx, { membershipId: membership.id, role: "member" }));
    expect(demote).toMatchObject({ code: "conflict", messageKey: "members.lastAdmin.demote" });
    const remove = await errorOf(removeMember(ctx, { membershipId: membership.id }));
    expect(remove).toMatchObject({ code: "conflict", messageKey: "members.lastAdmin.remove" });
    expect(await membershipOf(tenant.id, admin.id)).toEqual(membership);
    const db = await getDb();
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("lets an admin remove themselves when another admin remains", async () => {
    const { ctx, tenant, admin } = await adminSetup();
    await seedMember(tenant.id, "admin");
    const membership = await membershipOf(tenant.id, admin.id);
    expect(await removeMember(ctx, { membershipId: membership.id })).toEqual({
      email: admin.email,
      removedSelf: true,
    });
    const db = await getDb();
    expect(await db.membership.count({ where: { id: membership.id } })).toBe(0);
    expect(await db.user.count({ where: { id: admin.id } })).toBe(1);
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id, action: "member.removed" } })).toBe(1);
  });

  it("lets exactly one of two simultaneous demotions of the last two admins through", async () => {
    const { ctx, tenant, admin } = await adminSetup();
    const second = await seedMember(tenant.id, "admin");
    const secondCtx = await contextFor(second, tenant, "members.write");
    const [a, b] = [await membershipOf(tenant.id, admin.id), await membershipOf(tenant.id, second.id)];
    const results = await Promise.allSettled([
      changeMemberRole(ctx, { membershipId: a.id, role: "member" }),
      changeMemberRole(secondCtx, { membershipId: b.id, role: "member" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    const db = await getDb();
    expect(await db.membership.count({ where: { tenantId: tenant.id, role: "admin" } })).toBe(1);
  });

  it("lets exactly one of a simultaneous demotion and removal of the last two admins through", async () => {
    const { ctx, tenant, admin } = await adminSetup();
    const second = await seedMember(tenant.id, "admin");
    const [a, b] = [await membershipOf(tenant.id, admin.id), await membershipOf(tenant.id, second.id)];
    const results = await Promise.allSettled([
      removeMember(ctx, { membershipId: b.id }),
      changeMemberRole(ctx, { membershipId: a.id, role: "member" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    expect(await db.membership.count({ where: { tenantId: tenant.id, role: "admin" } })).toBe(1);
  });
});

describe("permissions", () => {
  it("refuses every change to a member without members.write", async () => {
    const { tenant, admin, member } = await adminSetup();
    const ctx = await contextFor(member, tenant);
    const adminMembership = await membershipOf(tenant.id, admin.id);
    const db = await getDb();
    const { ctx: adminCtx } = { ctx: await contextFor(admin, tenant, "members.write") };
    const { invitationId } = await inviteMember(adminCtx, { email: newEmail(), role: "member" });
    const auditBefore = await db.auditEntry.count({ where: { tenantId: tenant.id } });

    const attempts = [
      listMembers(ctx),
      inviteMember(ctx, { email: newEmail(), role: "admin" }),
      changeMemberRole(ctx, { membershipId: adminMembership.id, role: "member" }),
      removeMember(ctx, { membershipId: adminMembership.id }),
      revokeInvitation(ctx, { invitationId }),
      resendInvitation(ctx, { invitationId }),
    ];
    for (const attempt of attempts) expect((await errorOf(attempt)).code).toBe("forbidden");

    expect(await membershipOf(tenant.id, admin.id)).toEqual(adminMembership);
    expect(await db.invitation.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).revokedAt).toBeNull();
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id } })).toBe(auditBefore);
  });
});
