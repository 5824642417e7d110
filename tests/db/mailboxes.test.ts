import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { assignMailboxMembers } from "@/lib/mailboxes/assign-mailbox-members";
import { createMailbox } from "@/lib/mailboxes/create-mailbox";
import { deleteMailbox } from "@/lib/mailboxes/delete-mailbox";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import { listMyMailboxes } from "@/lib/mailboxes/list-my-mailboxes";
import { updateMailbox } from "@/lib/mailboxes/update-mailbox";
import { contextFor, seedMember, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

async function school() {
  const people = await seedTenantWithPeople();
  const configuration = await seedClientConfiguration(people.tenant.id, { name: "Google staff" });
  return { ...people, configuration, ctx: await contextFor(people.admin, people.tenant, "mailboxes.write") };
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function mailboxesOf(tenantId: string) {
  const db = await getDb();
  return db.mailbox.findMany({ where: { tenantId }, include: { assignments: true } });
}

async function auditOf(tenantId: string) {
  const db = await getDb();
  const entries = await db.auditEntry.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  return entries.map((e) => ({ action: e.action, targetLabel: e.targetLabel, details: e.details }));
}

describe("creating a mailbox", () => {
  it("stores it lower-cased and pending, with its members and an audit entry", async () => {
    const { ctx, tenant, member, configuration } = await school();
    const created = await createMailbox(ctx, {
      address: "  Secretariat@Lycee.TEST ",
      displayName: "Secrétariat",
      clientConfigurationId: configuration.id,
      members: [member.id],
    });
    expect(created.address).toBe("secretariat@lycee.test");
    const [row] = await mailboxesOf(tenant.id);
    expect(row).toMatchObject({
      address: "secretariat@lycee.test",
      displayName: "Secrétariat",
      state: "pending",
      clientConfigurationId: configuration.id,
      refreshTokenCipher: null,
    });
    expect(row?.assignments.map((a) => a.userId)).toEqual([member.id]);
    expect(await auditOf(tenant.id)).toEqual([
      {
        action: "mailbox.created",
        targetLabel: "secretariat@lycee.test",
        details: { configuration: "Google staff", members: [member.email] },
      },
    ]);
  });

  it("refuses an address the tenant already has, whatever its case", async () => {
    const { ctx, tenant, configuration } = await school();
    const input = { displayName: "", clientConfigurationId: configuration.id, members: [] };
    await createMailbox(ctx, { ...input, address: "office@lycee.test" });
    const error = await errorOf(createMailbox(ctx, { ...input, address: "OFFICE@lycee.test" }));
    expect(error.fieldErrors).toEqual({ address: "mailboxes.form.addressTaken" });
    expect(await mailboxesOf(tenant.id)).toHaveLength(1);
  });

  it("lets another tenant use the same address", async () => {
    const a = await school();
    const b = await school();
    const input = { address: "office@lycee.test", displayName: "", members: [] };
    await createMailbox(a.ctx, { ...input, clientConfigurationId: a.configuration.id });
    await createMailbox(b.ctx, { ...input, clientConfigurationId: b.configuration.id });
    expect(await mailboxesOf(b.tenant.id)).toHaveLength(1);
  });

  it("refuses another tenant's configuration as a field error, creating nothing", async () => {
    const a = await school();
    const b = await school();
    const error = await errorOf(
      createMailbox(a.ctx, {
        address: "office@lycee.test",
        displayName: "",
        clientConfigurationId: b.configuration.id,
        members: [],
      }),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors).toEqual({ clientConfigurationId: "mailboxes.form.configurationUnknown" });
    expect(await mailboxesOf(a.tenant.id)).toEqual([]);
    expect(await mailboxesOf(b.tenant.id)).toEqual([]);
    expect(await auditOf(a.tenant.id)).toEqual([]);
  });

  it("refuses to assign someone who is not a member of the tenant", async () => {
    const a = await school();
    const b = await school();
    const error = await errorOf(
      createMailbox(a.ctx, {
        address: "office@lycee.test",
        displayName: "",
        clientConfigurationId: a.configuration.id,
        members: [a.member.id, b.member.id],
      }),
    );
    expect(error.fieldErrors).toEqual({ members: "mailboxes.form.memberUnknown" });
    expect(await mailboxesOf(a.tenant.id)).toEqual([]);
  });

  it("is refused to a member", async () => {
    const { tenant, member, configuration } = await school();
    const memberCtx = await contextFor(member, tenant);
    const error = await errorOf(
      createMailbox(memberCtx, {
        address: "office@lycee.test",
        displayName: "",
        clientConfigurationId: configuration.id,
        members: [],
      }),
    );
    expect(error.code).toBe("forbidden");
    expect(await mailboxesOf(tenant.id)).toEqual([]);
  });
});

describe("changing a mailbox", () => {
  it("renames it and keeps its connection when the configuration stays", async () => {
    const { ctx, tenant, configuration } = await school();
    const mailbox = await seedMailbox(tenant.id, configuration.id, { state: "connected" });
    const result = await updateMailbox(ctx, {
      id: mailbox.id,
      displayName: "Vie scolaire",
      clientConfigurationId: configuration.id,
    });
    expect(result).toMatchObject({ moved: false, disconnected: false });
    const [row] = await mailboxesOf(tenant.id);
    expect(row).toMatchObject({ displayName: "Vie scolaire", state: "connected" });
    expect(row?.refreshTokenCipher).not.toBeNull();
  });

  it("erases the connection when it moves to another configuration", async () => {
    const { ctx, tenant, configuration } = await school();
    const other = await seedClientConfiguration(tenant.id, { name: "Microsoft", provider: "microsoft" });
    const mailbox = await seedMailbox(tenant.id, configuration.id, {
      state: "connected",
      grantedScopes: ["https://mail.google.com/"],
    });
    const result = await updateMailbox(ctx, {
      id: mailbox.id,
      displayName: "",
      clientConfigurationId: other.id,
    });
    expect(result).toMatchObject({ moved: true, disconnected: true });
    const [row] = await mailboxesOf(tenant.id);
    expect(row).toMatchObject({
      clientConfigurationId: other.id,
      state: "pending",
      accessTokenCipher: null,
      refreshTokenCipher: null,
      accessTokenExpiresAt: null,
      grantedScopes: [],
      authorizedAccount: null,
      connectedAt: null,
    });
    const audit = await auditOf(tenant.id);
    expect(audit.at(-1)).toMatchObject({
      action: "mailbox.updated",
      details: {
        configuration: { from: configuration.name, to: "Microsoft" },
        previousState: "connected",
        disconnected: true,
      },
    });
  });

  it("refuses to move a mailbox to another tenant's configuration", async () => {
    const a = await school();
    const b = await school();
    const mailbox = await seedMailbox(a.tenant.id, a.configuration.id, { state: "connected" });
    const error = await errorOf(
      updateMailbox(a.ctx, { id: mailbox.id, displayName: "", clientConfigurationId: b.configuration.id }),
    );
    expect(error.fieldErrors).toEqual({ clientConfigurationId: "mailboxes.form.configurationUnknown" });
    const [row] = await mailboxesOf(a.tenant.id);
    expect(row).toMatchObject({ clientConfigurationId: a.configuration.id, state: "connected" });
  });

  it("replaces the assigned members, and records who came and went", async () => {
    const { ctx, tenant, admin, member, configuration } = await school();
    const third = await seedMember(tenant.id, "member");
    const mailbox = await seedMailbox(tenant.id, configuration.id, { assignedTo: [member.id, admin.id] });
    await assignMailboxMembers(ctx, { id: mailbox.id, members: [admin.id, third.id] });
    const [row] = await mailboxesOf(tenant.id);
    expect(row?.assignments.map((a) => a.userId).sort()).toEqual([admin.id, third.id].sort());
    expect((await auditOf(tenant.id)).at(-1)).toEqual({
      action: "mailbox.members_changed",
      targetLabel: mailbox.address,
      details: { added: [third.email], removed: [member.email] },
    });
  });
});

describe("deleting a mailbox", () => {
  it("deletes it with its assignments and connect links, and records it", async () => {
    const { ctx, tenant, member, configuration } = await school();
    const mailbox = await seedMailbox(tenant.id, configuration.id, { assignedTo: [member.id] });
    const db = await getDb();
    await db.connectLink.create({
      data: { tenantId: tenant.id, mailboxId: mailbox.id, tokenHash: "x".repeat(64), expiresAt: new Date() },
    });
    // No tokens were ever stored: there is nothing to withdraw at the provider.
    expect(await deleteMailbox(ctx, { id: mailbox.id })).toMatchObject({ address: mailbox.address });
    expect(await db.pendingRevocation.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await mailboxesOf(tenant.id)).toEqual([]);
    expect(await db.mailboxAssignment.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.connectLink.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect((await auditOf(tenant.id)).at(-1)).toMatchObject({
      action: "mailbox.deleted",
      targetLabel: mailbox.address,
    });
  });

  it("refuses while its mail waits to be sent", async () => {
    const { ctx, tenant, configuration } = await school();
    const mailbox = await seedMailbox(tenant.id, configuration.id, { state: "connected" });
    const db = await getDb();
    await db.outgoingMail.create({
      data: {
        tenantId: tenant.id,
        mailboxId: mailbox.id,
        messageId: `<${mailbox.id}@relais.test>`,
        source: "portal",
        to: ["parent@example.test"],
        subject: "Réunion",
        text: "Bonjour",
        sizeBytes: 100,
        recipientCount: 1,
        status: "held",
      },
    });
    const error = await errorOf(deleteMailbox(ctx, { id: mailbox.id }));
    expect(error).toMatchObject({ code: "conflict", messageKey: "mailboxes.delete.mailWaiting" });
    expect(await mailboxesOf(tenant.id)).toHaveLength(1);
  });
});

describe("reading mailboxes", () => {
  it("lists by address, searches address and name, filters by state, pages by 50", async () => {
    const { ctx, tenant, member, configuration } = await school();
    await seedMailbox(tenant.id, configuration.id, { address: "b-office@lycee.test", state: "connected" });
    await seedMailbox(tenant.id, configuration.id, {
      address: "a-vie@lycee.test",
      displayName: "Vie 100% scolaire",
      assignedTo: [member.id],
    });
    const all = await listMailboxes(ctx, {});
    expect(all.mailboxes.map((m) => m.address)).toEqual(["a-vie@lycee.test", "b-office@lycee.test"]);
    expect(all.mailboxes[0]?.members.map((m) => m.email)).toEqual([member.email]);
    expect((await listMailboxes(ctx, { search: "100%" })).mailboxes).toHaveLength(1);
    expect((await listMailboxes(ctx, { search: "OFFICE" })).mailboxes).toHaveLength(1);
    expect((await listMailboxes(ctx, { search: "_" })).mailboxes).toHaveLength(0);
    const connected = await listMailboxes(ctx, { state: "connected" });
    expect(connected.mailboxes.map((m) => m.address)).toEqual(["b-office@lycee.test"]);

    const db = await getDb();
    await db.mailbox.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        tenantId: tenant.id,
        clientConfigurationId: configuration.id,
        address: `z${String(i).padStart(2, "0")}@lycee.test`,
      })),
    });
    const first = await listMailboxes(ctx, {});
    expect(first.mailboxes).toHaveLength(50);
    const second = await listMailboxes(ctx, { position: first.next! });
    expect(second).toMatchObject({ total: 57, atEnd: true, next: null });
    expect(second.mailboxes).toHaveLength(7);
  });

  it("gives the page everything but the tokens, with the missing scopes", async () => {
    const { ctx, tenant, configuration } = await school();
    const mailbox = await seedMailbox(tenant.id, configuration.id, {
      state: "insufficient_scope",
      withTokens: true,
      grantedScopes: ["openid", "https://www.googleapis.com/auth/userinfo.email"],
    });
    const details = await getMailbox(ctx, mailbox.id);
    expect(details).toMatchObject({
      address: mailbox.address,
      state: "insufficient_scope",
      hasRefreshToken: true,
      requiredScopes: ["https://mail.google.com/", "openid", "email"],
      missingScopes: ["https://mail.google.com/"],
      canManage: true,
    });
    expect(Object.keys(details)).not.toContain("refreshTokenCipher");
    expect(Object.keys(details)).not.toContain("accessTokenCipher");
    expect(JSON.stringify(details)).not.toContain("placeholder");
  });

  it("shows a member only the mailboxes assigned to them", async () => {
    const { tenant, member, configuration } = await school();
    const mine = await seedMailbox(tenant.id, configuration.id, { assignedTo: [member.id] });
    const other = await seedMailbox(tenant.id, configuration.id);
    const memberCtx = await contextFor(member, tenant);
    expect((await listMyMailboxes(memberCtx)).map((m) => m.id)).toEqual([mine.id]);
    // A shared mailbox names the account its owner connects it with.
    await (
      await getDb()
    ).mailbox.update({ where: { id: mine.id }, data: { delegateAccount: "direction@lycee.test" } });
    expect((await listMyMailboxes(memberCtx))[0]).toMatchObject({ delegateAccount: "direction@lycee.test" });
    expect((await getMailbox(memberCtx, mine.id)).canManage).toBe(false);
    expect((await errorOf(getMailbox(memberCtx, other.id))).code).toBe("not_found");
    expect((await errorOf(listMailboxes(memberCtx, {}))).code).toBe("forbidden");
  });

  it("answers not found for a malformed id", async () => {
    const { ctx } = await school();
    expect((await errorOf(getMailbox(ctx, "not-a-uuid"))).code).toBe("not_found");
  });
});
