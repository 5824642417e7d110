import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestSignInLink } from "@/lib/auth/sign-in-links";
import type { CliIo } from "@/lib/cli/command";
import { runCli } from "@/lib/cli/run-cli";
import { createConnectLinks } from "@/lib/connect-links/create-connect-links";
import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { inviteMember } from "@/lib/members/invite-member";
import { eraseMember } from "@/lib/members/member-personal-data";
import { erasePersonalData } from "@/lib/people/erase-personal-data";
import type { PersonalDataExport } from "@/lib/people/export-personal-data";
import { expectDomainError, form } from "../support/action-helpers";
import { contextFor, seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

// Server actions and route handlers run outside a request here: the session and headers are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { eraseMemberAction } = await import("@/lib/members/member-actions");
const { GET: exportRoute } = await import("@/app/(portal)/t/[tenant]/members/[membershipId]/export/route");

useTestDatabase();

beforeEach(() => {
  signedInAs.id = null;
});

const password = "correct horse battery";

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: async () => "",
  };
  const code = await runCli(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function queuedMail(
  tenantId: string,
  mailboxId: string,
  createdById: string,
  status: OutgoingMailStatus,
) {
  const db = await getDb();
  return db.outgoingMail.create({
    data: {
      tenantId,
      mailboxId,
      createdById,
      messageId: `<${randomUUID()}@college.test>`,
      source: "portal",
      to: ["parent@example.org"],
      subject: `Absence of Lucas (${status})`,
      text: "Lucas was absent on Monday.",
      sizeBytes: 100,
      recipientCount: 1,
      status,
      sentAt: status === "sent" ? new Date(Date.now() - 2 * 86_400_000) : null,
      attachments: {
        create: [
          {
            filename: "note.pdf",
            contentType: "application/pdf",
            content: Buffer.from("x"),
            size: 1,
          },
        ],
      },
    },
  });
}

/**
 * Ada is a member of school A (where a mailbox bears her address, with a
 * connect link mailed to her) and an administrator of school B, beside Bob.
 * She queued mail in A, invited someone in B, was made an admin and back in
 * A, signed in (and failed once), and has a pending invitation to A.
 */
async function world() {
  const suffix = randomUUID().slice(0, 6);
  const a = await seedTenant({ name: `Collège A ${suffix}` });
  const b = await seedTenant({ name: `Lycée B ${suffix}` });
  const adminA = await seedMember(a.id, "admin", { password });
  const bob = await seedMember(b.id, "admin", { password });
  const ada = await seedMember(a.id, "member", {
    email: `ada-${suffix}@college.test`,
    name: "Ada Lovelace",
    password,
    locale: "fr",
  });
  const db = await getDb();
  await db.membership.create({ data: { tenantId: b.id, userId: ada.id, role: "admin" } });

  const configA = await seedClientConfiguration(a.id, { provider: "microsoft" });
  const configB = await seedClientConfiguration(b.id, { provider: "microsoft" });
  const own = await seedMailbox(a.id, configA.id, {
    address: ada.email,
    state: "connected",
    assignedTo: [ada.id],
  });
  const officeA = await seedMailbox(a.id, configA.id, { state: "connected", assignedTo: [ada.id] });
  const officeB = await seedMailbox(b.id, configB.id, { state: "connected", assignedTo: [ada.id, bob.id] });

  const ctxAdminA = await contextFor(adminA, a, "members.write");
  const ctxAdaB = await contextFor(ada, b, "members.write");
  await changeMemberRole(ctxAdminA, {
    membershipId: (await db.membership.findFirstOrThrow({ where: { tenantId: a.id, userId: ada.id } })).id,
    role: "admin",
  });
  await changeMemberRole(ctxAdminA, {
    membershipId: (await db.membership.findFirstOrThrow({ where: { tenantId: a.id, userId: ada.id } })).id,
    role: "member",
  });
  await inviteMember(ctxAdaB, { email: `newcomer-${suffix}@lycee.test`, role: "member" });
  const ctxAdaA = await contextFor(ada, a, "outbox.write");
  await db.$transaction((tx) =>
    recordAudit(tx, ctxAdaA, {
      action: "mailbox.updated",
      targetType: "mailbox",
      targetId: own.id,
      targetLabel: own.address,
    }),
  );
  await db.invitation.create({
    data: {
      tenantId: a.id,
      email: ada.email,
      role: "admin",
      tokenHash: randomUUID(),
      invitedById: adminA.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await createConnectLinks(await contextFor(adminA, a, "mailboxes.write"), {
    ids: [own.id],
    expiresInDays: 3,
  });
  const sent = await queuedMail(a.id, officeA.id, ada.id, "sent");
  const waiting = await queuedMail(a.id, officeA.id, ada.id, "queued");
  const inB = await queuedMail(b.id, officeB.id, ada.id, "sent");
  await db.signInAttempt.createMany({
    data: [
      { email: ada.email, ip: "198.51.100.4", succeeded: false },
      { email: ada.email, ip: "198.51.100.4", succeeded: true },
    ],
  });
  await requestSignInLink(ada.email, "fr");
  // A reconnection campaign she started in B, whose reminders go out in her name.
  await db.reconnectCampaign.create({
    data: {
      tenantId: b.id,
      name: "Rentrée de septembre",
      filter: {},
      channel: "mail",
      linkDays: 7,
      reminderDays: 3,
      createdById: ada.id,
      createdByLabel: ada.email,
    },
  });
  return { a, b, adminA, bob, ada, own, officeA, officeB, sent, waiting, inB };
}

const slugsIn = (data: PersonalDataExport) => JSON.stringify(data);

describe("person:export", () => {
  it("prints as JSON everything Relais holds about the person, in every school, and audits it", async () => {
    const w = await world();
    const result = await cli(["person:export", w.ada.email.toUpperCase()]);
    expect(result).toMatchObject({ code: 0, err: "" });
    const data = JSON.parse(result.out) as PersonalDataExport;

    expect(data).toMatchObject({
      format: "relais.personal-data/1",
      scope: "platform",
      email: w.ada.email,
      account: {
        id: w.ada.id,
        email: w.ada.email,
        name: "Ada Lovelace",
        locale: "fr",
        isOperator: false,
        hasPassword: true,
      },
    });
    expect(data.memberships.map((m) => [m.school?.slug, m.role]).sort()).toEqual(
      [
        [w.a.slug, "member"],
        [w.b.slug, "admin"],
      ].sort(),
    );
    expect(data.mailboxAssignments.map((m) => m.mailbox).sort()).toEqual(
      [w.own.address, w.officeA.address, w.officeB.address].sort(),
    );
    expect(data.mailboxesInTheirName).toMatchObject([{ school: { slug: w.a.slug }, address: w.ada.email }]);
    expect(data.invitationsReceived).toMatchObject([
      { school: { slug: w.a.slug }, role: "admin", acceptedAt: null },
    ]);
    expect(data.invitationsSent).toMatchObject([{ school: { slug: w.b.slug }, role: "member" }]);
    expect(data.connectLinksReceived).toMatchObject([{ school: { slug: w.a.slug }, mailbox: w.ada.email }]);
    expect(data.auditEntries.asActor.map((e) => e.action).sort()).toEqual([
      "mailbox.updated",
      "member.invited",
    ]);
    expect(data.auditEntries.asTarget.map((e) => e.action)).toEqual(
      expect.arrayContaining(["member.role_changed", "member.role_changed"]),
    );
    expect(data.mailQueued.map((m) => [m.school?.slug, m.status, m.subject]).sort()).toEqual(
      [
        [w.a.slug, "sent", "Absence of Lucas (sent)"],
        [w.a.slug, "queued", "Absence of Lucas (queued)"],
        [w.b.slug, "sent", "Absence of Lucas (sent)"],
      ].sort(),
    );
    expect(data.mailQueued[0]).toMatchObject({
      to: ["parent@example.org"],
      attachments: [{ filename: "note.pdf" }],
    });
    expect(data.reconnectCampaignsStarted).toMatchObject([
      {
        school: { slug: w.b.slug },
        name: "Rentrée de septembre",
        channel: "mail",
        reminderDays: 3,
        closedAt: null,
      },
    ]);
    expect(data.signInLinks).toHaveLength(1);
    expect(data.signInAttempts?.map((a) => a.succeeded)).toEqual([false, true]);
    expect(data.capturedPlatformMail?.length).toBeGreaterThanOrEqual(2);
    // Never a secret: no password hash, no token, no mail body.
    const passwordHash = (await (await getDb()).user.findUniqueOrThrow({ where: { id: w.ada.id } }))
      .passwordHash!;
    expect(result.out).not.toContain(passwordHash);
    expect(result.out).not.toContain("passwordHash");
    expect(result.out).not.toContain("tokenHash");
    expect(result.out).not.toContain("Lucas was absent");

    const db = await getDb();
    expect(
      await db.auditEntry.findMany({ where: { tenantId: null, action: "person.exported" } }),
    ).toMatchObject([{ actorLabel: "cli", targetId: w.ada.id, targetLabel: w.ada.email }]);
  });

  it("answers an address Relais knows nothing about with an empty export, and refuses a missing one", async () => {
    const nobody = await cli(["person:export", "nobody@nowhere.test"]);
    expect(nobody.code).toBe(0);
    expect(JSON.parse(nobody.out)).toMatchObject({
      email: "nobody@nowhere.test",
      account: null,
      memberships: [],
      mailQueued: [],
    });

    const missing = await cli(["person:export"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("<email>: ");
    const twice = await cli(["person:export", "a@b.test", "c@d.test"]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain("Unexpected argument 'c@d.test'.");
  });
});

describe("a school's export of a member's data", () => {
  it("downloads only that school's rows, as JSON, for its admins, audited", async () => {
    const w = await world();
    const db = await getDb();
    const membershipA = await db.membership.findFirstOrThrow({
      where: { tenantId: w.a.id, userId: w.ada.id },
    });
    const get = (tenant: string, membershipId: string) =>
      exportRoute(new Request(`http://localhost/t/${tenant}/members/${membershipId}/export`), {
        params: Promise.resolve({ tenant, membershipId }),
      });

    expect((await get(w.a.slug, membershipA.id)).status).toBe(401);
    signedInAs.id = w.adminA.id;
    const response = await get(w.a.slug, membershipA.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="personal-data-/);
    const data = (await response.json()) as PersonalDataExport;
    expect(data).toMatchObject({ scope: { school: { slug: w.a.slug } }, account: { email: w.ada.email } });
    expect(data.memberships).toMatchObject([{ school: { slug: w.a.slug }, role: "member" }]);
    expect(data.mailQueued).toHaveLength(2);
    expect(data.reconnectCampaignsStarted).toEqual([]);
    expect(data.auditEntries.asActor.map((e) => e.action)).toEqual(["mailbox.updated"]);
    // Nothing of school B, and nothing platform-wide (sign-ins), nor whether she is an operator.
    expect(slugsIn(data)).not.toContain(w.b.slug);
    expect(slugsIn(data)).not.toContain(w.b.name);
    expect(data).not.toHaveProperty("signInAttempts");
    expect(data.account).not.toHaveProperty("isOperator");
    expect(await db.auditEntry.count({ where: { tenantId: w.a.id, action: "member.data_exported" } })).toBe(
      1,
    );

    // Another school's admin, naming A or A's membership under B: nothing there.
    signedInAs.id = w.bob.id;
    expect((await get(w.a.slug, membershipA.id)).status).toBe(404);
    expect((await get(w.b.slug, membershipA.id)).status).toBe(404);
    // A member of A may not export anyone's.
    const memberOfA = await seedMember(w.a.id, "member");
    signedInAs.id = memberOfA.id;
    expect((await get(w.a.slug, membershipA.id)).status).toBe(404);
    expect(await db.auditEntry.count({ where: { tenantId: w.a.id, action: "member.data_exported" } })).toBe(
      1,
    );
  });
});

describe("a school's erasure of a member's data", () => {
  it("erases in that school only: membership, assignments, invitations, mail content; audit entries under a pseudonym", async () => {
    const w = await world();
    const db = await getDb();
    const membershipA = await db.membership.findFirstOrThrow({
      where: { tenantId: w.a.id, userId: w.ada.id },
    });
    const auditOfB = await db.auditEntry.findMany({ where: { tenantId: w.b.id }, orderBy: { id: "asc" } });
    // A reconnect campaign she started (when she was an admin of A).
    const campaign = await db.reconnectCampaign.create({
      data: {
        tenantId: w.a.id,
        name: "Rentrée",
        filter: {},
        channel: "mail",
        linkDays: 7,
        createdById: w.ada.id,
        createdByLabel: w.ada.email,
      },
    });

    signedInAs.id = w.adminA.id;
    const result = await eraseMemberAction(null, form({ tenant: w.a.slug, membershipId: membershipA.id }));
    expect(result).toMatchObject({
      ok: true,
      data: { email: w.ada.email, label: expect.stringMatching(/^erased user [0-9a-f]{8}$/) },
    });
    const label = result.ok ? result.data.label : "";

    expect(await db.membership.count({ where: { tenantId: w.a.id, userId: w.ada.id } })).toBe(0);
    expect(await db.mailboxAssignment.count({ where: { tenantId: w.a.id, userId: w.ada.id } })).toBe(0);
    expect(await db.invitation.count({ where: { tenantId: w.a.id, email: w.ada.email } })).toBe(0);
    expect(await db.connectLink.count({ where: { tenantId: w.a.id, sentTo: w.ada.email } })).toBe(0);
    expect(await db.reconnectCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      createdById: null,
      createdByLabel: label,
    });
    // Her mail in A: the waiting one cancelled, the content of both deleted now, no longer linked to her.
    const sent = await db.outgoingMail.findUniqueOrThrow({
      where: { id: w.sent.id },
      include: { attachments: true },
    });
    expect(sent).toMatchObject({
      status: "sent",
      subject: "",
      text: null,
      attachments: [],
      createdById: null,
      bodyPurgedAfterDays: null,
    });
    expect(sent.bodyPurgedAt).not.toBeNull();
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: w.waiting.id } })).toMatchObject({
      status: "cancelled",
      lastError: "sender_erased",
      text: null,
    });
    // A's audit log keeps every entry, naming her by the pseudonym only.
    const auditOfA = await db.auditEntry.findMany({ where: { tenantId: w.a.id }, orderBy: { id: "asc" } });
    expect(
      JSON.stringify(auditOfA, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value)),
    ).not.toContain(w.ada.email);
    expect(auditOfA.filter((e) => e.actorLabel === label)).toMatchObject([
      { action: "mailbox.updated", actorId: null },
    ]);
    expect(auditOfA.filter((e) => e.action === "member.role_changed").map((e) => e.targetLabel)).toEqual([
      label,
      label,
    ]);
    expect(auditOfA.at(-1)).toMatchObject({
      action: "member.erased",
      actorLabel: w.adminA.email,
      targetId: membershipA.id,
      targetLabel: label,
    });

    // School B and the account are untouched: they are not A's.
    expect(await db.user.count({ where: { id: w.ada.id } })).toBe(1);
    expect(await db.membership.count({ where: { tenantId: w.b.id, userId: w.ada.id } })).toBe(1);
    expect(await db.mailboxAssignment.count({ where: { tenantId: w.b.id, userId: w.ada.id } })).toBe(1);
    expect((await db.outgoingMail.findUniqueOrThrow({ where: { id: w.inB.id } })).text).toBe(
      "Lucas was absent on Monday.",
    );
    expect(await db.auditEntry.findMany({ where: { tenantId: w.b.id }, orderBy: { id: "asc" } })).toEqual(
      auditOfB,
    );
    expect(await db.signInAttempt.count({ where: { email: w.ada.email } })).toBe(2);
  });

  it("refuses to erase oneself, a member of another school, and (for members) anyone", async () => {
    const w = await world();
    const db = await getDb();
    const membershipA = await db.membership.findFirstOrThrow({
      where: { tenantId: w.a.id, userId: w.ada.id },
    });
    const adminMembership = await db.membership.findFirstOrThrow({
      where: { tenantId: w.a.id, userId: w.adminA.id },
    });

    signedInAs.id = w.adminA.id;
    expect(
      await eraseMemberAction(null, form({ tenant: w.a.slug, membershipId: adminMembership.id })),
    ).toMatchObject({
      ok: false,
      code: "conflict",
      message: "You cannot erase your own data here: ask another administrator, or the platform operator.",
    });
    signedInAs.id = w.bob.id;
    expect(
      await eraseMemberAction(null, form({ tenant: w.b.slug, membershipId: membershipA.id })),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await eraseMemberAction(null, form({ tenant: w.a.slug, membershipId: membershipA.id })),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
    const memberOfA = await seedMember(w.a.id, "member");
    signedInAs.id = memberOfA.id;
    expect(
      await eraseMemberAction(null, form({ tenant: w.a.slug, membershipId: membershipA.id })),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    await expectDomainError(
      eraseMember(await contextFor(memberOfA, w.a, "tenant.read"), { membershipId: membershipA.id }),
      "forbidden",
    );
    expect(await db.membership.count({ where: { id: membershipA.id } })).toBe(1);
    expect(
      await db.auditEntry.count({ where: { tenantId: { in: [w.a.id, w.b.id] }, action: "member.erased" } }),
    ).toBe(0);
  });

  it("refuses to erase the last administrator of the school, in words", async () => {
    const w = await world();
    const db = await getDb();
    // Bob leaves B's administration: Ada is B's last admin. Even an erasure called directly refuses.
    await db.membership.updateMany({
      where: { tenantId: w.b.id, userId: w.bob.id },
      data: { role: "member" },
    });
    const ctx = await contextFor(w.bob, w.b, "tenant.read");
    const error = await erasePersonalData({ scope: "tenant", ctx }, w.ada.email).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "conflict", messageKey: "members.personalData.lastAdmin" });
    expect(await db.membership.count({ where: { tenantId: w.b.id, userId: w.ada.id } })).toBe(1);
  });
});

describe("person:erase", () => {
  it("needs --yes, refuses the last admin of a school by name, then erases everywhere and keeps pseudonymous audit entries", async () => {
    const w = await world();
    const db = await getDb();

    const unconfirmed = await cli(["person:erase", w.ada.email]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain("--yes: erasing");

    // Ada becomes B's only administrator: refused, in words, nothing changed.
    await db.membership.updateMany({
      where: { tenantId: w.b.id, userId: w.bob.id },
      data: { role: "member" },
    });
    const refused = await cli(["person:erase", w.ada.email, "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `Error: ${w.ada.email} is the last administrator of ${w.b.name}: make someone else administrator there first, then erase again.`,
    );
    expect(await db.user.count({ where: { id: w.ada.id } })).toBe(1);
    expect(
      await db.auditEntry.count({
        where: { tenantId: { in: [w.a.id, w.b.id] }, actorLabel: { startsWith: "erased user" } },
      }),
    ).toBe(0);

    await db.membership.updateMany({
      where: { tenantId: w.b.id, userId: w.bob.id },
      data: { role: "admin" },
    });
    const erased = await cli(["person:erase", w.ada.email, "--yes"]);
    expect(erased).toMatchObject({ code: 0, err: "" });
    expect(erased.out).toContain(`Erased ${w.ada.email}: account deleted, removed from 2 school(s).`);
    expect(erased.out).toContain("sign-in attempts deleted: 2");
    expect(erased.out).toContain(`kept, as the schools' own: mailbox(es) ${w.ada.email}`);
    const label = /"(erased user [0-9a-f]{8})"/.exec(erased.out)?.[1];
    expect(label).toBeDefined();

    expect(await db.user.count({ where: { id: w.ada.id } })).toBe(0);
    expect(await db.membership.count({ where: { userId: w.ada.id } })).toBe(0);
    expect(await db.mailboxAssignment.count({ where: { userId: w.ada.id } })).toBe(0);
    expect(await db.signInLink.count({ where: { userId: w.ada.id } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { email: w.ada.email } })).toBe(0);
    expect(await db.capturedMail.count({ where: { to: w.ada.email } })).toBe(0);
    expect(await db.invitation.count({ where: { email: w.ada.email } })).toBe(0);
    expect(await db.outgoingMail.count({ where: { createdById: w.ada.id } })).toBe(0);
    expect(
      await db.outgoingMail.count({
        where: { id: { in: [w.sent.id, w.inB.id, w.waiting.id] }, bodyPurgedAt: null },
      }),
    ).toBe(0);
    // The mailbox with her address is the school's: kept, as the command said.
    expect(await db.mailbox.count({ where: { id: w.own.id } })).toBe(1);

    // Every audit entry stays, and none names her any more.
    const audit = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    const dump = JSON.stringify(audit, (_key, value: unknown) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect(dump).not.toContain(w.ada.email);
    expect(audit.filter((e) => e.action === "member.invited" && e.tenantId === w.b.id)).toMatchObject([
      { actorLabel: label, actorId: null },
    ]);
    expect(
      audit
        .filter((e) => e.action === "member.erased" && (e.tenantId === w.a.id || e.tenantId === w.b.id))
        .map((e) => [e.tenantId, e.actorLabel, e.targetLabel])
        .sort(),
    ).toEqual(
      [
        [w.a.id, "cli", label],
        [w.b.id, "cli", label],
      ].sort(),
    );
    expect(audit.filter((e) => e.action === "person.erased" && e.targetId === w.ada.id)).toMatchObject([
      {
        tenantId: null,
        actorLabel: "cli",
        targetId: w.ada.id,
        targetLabel: label,
        details: { accountDeleted: true },
      },
    ]);

    // Asked again: nothing left about her (her address is only the question's).
    const after = JSON.parse((await cli(["person:export", w.ada.email])).out) as PersonalDataExport;
    expect(after).toMatchObject({
      account: null,
      memberships: [],
      mailboxAssignments: [],
      invitationsReceived: [],
      connectLinksReceived: [],
      auditEntries: { asActor: [], asTarget: [] },
      mailQueued: [],
      signInAttempts: [],
      capturedPlatformMail: [],
    });
  });
});
