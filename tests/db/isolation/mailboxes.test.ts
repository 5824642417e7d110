import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { newLinkToken } from "@/lib/auth/tokens";
import { createConnectLinks } from "@/lib/connect-links/create-connect-links";
import { listConnectLinks } from "@/lib/connect-links/list-connect-links";
import { revokeConnectLink } from "@/lib/connect-links/revoke-connect-link";
import { getDb } from "@/lib/db/client";
import { assignMailboxMembers } from "@/lib/mailboxes/assign-mailbox-members";
import { createMailbox } from "@/lib/mailboxes/create-mailbox";
import { deleteMailbox } from "@/lib/mailboxes/delete-mailbox";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { importMailboxesCsv } from "@/lib/mailboxes/import-mailboxes-csv";
import { listMailboxFormOptions } from "@/lib/mailboxes/list-mailbox-form-options";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import { listMyMailboxes } from "@/lib/mailboxes/list-my-mailboxes";
import { updateMailbox } from "@/lib/mailboxes/update-mailbox";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { seedClientConfiguration, seedMailbox } from "../../support/seed-mailboxes";
import { useTestDatabase } from "../../support/test-db";
import { form, expectDomainError } from "../../support/action-helpers";

// The actions and the upload route run outside a request here: the session, headers and cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const mailboxActions = await import("@/lib/mailboxes/mailbox-actions");
const linkActions = await import("@/lib/connect-links/connect-link-actions");
const { POST: uploadRoute } = await import("@/app/(portal)/t/[tenant]/mailboxes/import/upload/route");

useTestDatabase();
delete process.env.RELAIS_SMTP_URL;

/** Tenant A's admin and member, and tenant B with a configuration, a connected mailbox and an open link. */
async function twoTenants() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const aConfig = await seedClientConfiguration(a.tenant.id, { name: "A Google" });
  const bConfig = await seedClientConfiguration(b.tenant.id, { name: "B Google" });
  const aMailbox = await seedMailbox(a.tenant.id, aConfig.id, { assignedTo: [a.member.id] });
  const aOther = await seedMailbox(a.tenant.id, aConfig.id);
  const bMailbox = await seedMailbox(b.tenant.id, bConfig.id, {
    address: "office@college-b.test",
    state: "connected",
    assignedTo: [b.member.id],
  });
  const db = await getDb();
  const bLink = await db.connectLink.create({
    data: {
      tenantId: b.tenant.id,
      mailboxId: bMailbox.id,
      tokenHash: newLinkToken().tokenHash,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  const ctxA = await contextFor(a.admin, a.tenant, "mailboxes.write");
  const memberA = await contextFor(a.member, a.tenant, "tenant.read");
  return { a, b, aConfig, bConfig, aMailbox, aOther, bMailbox, bLink, ctxA, memberA };
}

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    mailboxes: await db.mailbox.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    assignments: await db.mailboxAssignment.findMany({ where: { tenantId }, orderBy: { userId: "asc" } }),
    links: await db.connectLink.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    audit: await db.auditEntry.count({ where: { tenantId } }),
  };
}

beforeEach(() => {
  signedInAs.id = null;
});

describe("mailbox entry points, acting as tenant A with tenant B's ids", () => {
  const byId: [string, (ctx: TenantContext, id: string) => Promise<unknown>][] = [
    ["getMailbox", (ctx, id) => getMailbox(ctx, id)],
    [
      "updateMailbox",
      (ctx, id) => updateMailbox(ctx, { id, displayName: "Taken", clientConfigurationId: id }),
    ],
    ["assignMailboxMembers", (ctx, id) => assignMailboxMembers(ctx, { id, members: [] })],
    ["deleteMailbox", (ctx, id) => deleteMailbox(ctx, { id })],
    ["createConnectLinks", (ctx, id) => createConnectLinks(ctx, { ids: [id], expiresInDays: 7 })],
    ["listConnectLinks (malformed id only)", (ctx, id) => listConnectLinks(ctx, { mailboxId: `${id}x` })],
  ];

  for (const [name, call] of byId) {
    it(`${name} answers not found and leaves B unchanged`, async () => {
      const { b, bMailbox, ctxA } = await twoTenants();
      const before = await snapshotOf(b.tenant.id);
      await expectDomainError(call(ctxA, bMailbox.id), "not_found");
      await expectDomainError(call(ctxA, "not-a-uuid"), "not_found");
      expect(await snapshotOf(b.tenant.id)).toEqual(before);
    });
  }

  it("updateMailbox answers not found with B's mailbox and A's configuration", async () => {
    const { b, aConfig, bMailbox, ctxA } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    await expectDomainError(
      updateMailbox(ctxA, { id: bMailbox.id, displayName: "", clientConfigurationId: aConfig.id }),
      "not_found",
    );
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("links for a selection mixing A's and B's mailboxes: none is created", async () => {
    const { a, b, aMailbox, bMailbox, ctxA } = await twoTenants();
    const [beforeA, beforeB] = [await snapshotOf(a.tenant.id), await snapshotOf(b.tenant.id)];
    await expectDomainError(
      createConnectLinks(ctxA, { ids: [aMailbox.id, bMailbox.id], expiresInDays: 7 }),
      "not_found",
    );
    expect(await snapshotOf(a.tenant.id)).toEqual(beforeA);
    expect(await snapshotOf(b.tenant.id)).toEqual(beforeB);
    const db = await getDb();
    expect(await db.capturedMail.count({ where: { to: bMailbox.address } })).toBe(0);
  });

  it("revokeConnectLink answers not found for B's link, which stays open", async () => {
    const { b, bLink, ctxA } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    await expectDomainError(revokeConnectLink(ctxA, { id: bLink.id }), "not_found");
    await expectDomainError(revokeConnectLink(ctxA, { id: "not-a-uuid" }), "not_found");
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("lists never show B's mailboxes, links or members", async () => {
    const { b, bMailbox, ctxA, aMailbox, aOther } = await twoTenants();
    const list = await listMailboxes(ctxA, {});
    expect(list.mailboxes.map((m) => m.id).sort()).toEqual([aMailbox.id, aOther.id].sort());
    expect((await listMailboxes(ctxA, { search: "college-b" })).total).toBe(0);
    expect(await listConnectLinks(ctxA)).toEqual([]);
    expect(await listConnectLinks(ctxA, { mailboxId: bMailbox.id })).toEqual([]);
    expect(await listMyMailboxes(ctxA)).toEqual([]);
    const options = await listMailboxFormOptions(ctxA);
    expect(options.configurations.map((c) => c.name)).toEqual(["A Google"]);
    expect(options.members.map((m) => m.email)).not.toContain(b.member.email);
  });

  it("a mailbox of A cannot take B's configuration or B's people", async () => {
    const { b, bConfig, aMailbox, ctxA } = await twoTenants();
    await expectDomainError(
      createMailbox(ctxA, {
        address: "new@a.test",
        displayName: "",
        clientConfigurationId: bConfig.id,
        members: [],
      }),
      "invalid_input",
    );
    await expectDomainError(
      assignMailboxMembers(ctxA, { id: aMailbox.id, members: [b.member.id] }),
      "invalid_input",
    );
    await expectDomainError(
      updateMailbox(ctxA, { id: aMailbox.id, displayName: "", clientConfigurationId: bConfig.id }),
      "invalid_input",
    );
  });

  it("an import as A does not see B's configurations, people or addresses", async () => {
    const { a, b, ctxA } = await twoTenants();
    const beforeB = await snapshotOf(b.tenant.id);
    const refused = await importMailboxesCsv(
      ctxA,
      `address,configuration,members\nx@a.test,B Google,\ny@a.test,A Google,${b.member.email}`,
    );
    expect(refused.outcome === "rows_refused" && refused.refused.map((r) => r.problems[0]?.key)).toEqual([
      "mailboxes.import.problems.configurationUnknown",
      "mailboxes.import.problems.memberUnknown",
    ]);
    // B has office@college-b.test: the address is free in A.
    expect(await importMailboxesCsv(ctxA, "address,configuration\noffice@college-b.test,A Google")).toEqual({
      outcome: "imported",
      count: 1,
    });
    expect(await snapshotOf(b.tenant.id)).toEqual(beforeB);
    expect((await snapshotOf(a.tenant.id)).mailboxes).toHaveLength(3);
  });

  it("the server actions answer not found for B's ids and for B's tenant", async () => {
    const { a, b, bConfig, bMailbox, bLink } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    signedInAs.id = a.admin.id;
    for (const tenant of [a.tenant.slug, b.tenant.slug]) {
      const results = [
        await mailboxActions.updateMailboxAction(
          null,
          form({ tenant, id: bMailbox.id, displayName: "x", clientConfigurationId: bConfig.id }),
        ),
        await mailboxActions.assignMailboxMembersAction(null, form({ tenant, id: bMailbox.id, members: [] })),
        await mailboxActions.deleteMailboxAction(null, form({ tenant, id: bMailbox.id })),
        await linkActions.createConnectLinksAction(
          null,
          form({ tenant, ids: [bMailbox.id], expiresInDays: "7" }),
        ),
        await linkActions.revokeConnectLinkAction(null, form({ tenant, id: bLink.id })),
      ];
      for (const result of results) expect(result).toMatchObject({ ok: false, code: "not_found" });
    }
    const planted = await mailboxActions.createMailboxAction(
      null,
      form({ tenant: b.tenant.slug, address: "planted@b.test", clientConfigurationId: bConfig.id }),
    );
    expect(planted).toMatchObject({ ok: false, code: "not_found" });
    const upload = await uploadRoute(
      new Request(`http://127.0.0.1/t/${b.tenant.slug}/mailboxes/import/upload`, {
        method: "POST",
        headers: { "x-relais-import": "1" },
        body: "address,configuration\nplanted@b.test,B Google",
      }),
      { params: Promise.resolve({ tenant: b.tenant.slug }) },
    );
    expect(upload.status).toBe(404);
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });
});

describe("a member who is not an admin", () => {
  it("sees only the mailboxes assigned to them, and cannot act on any", async () => {
    const { a, aMailbox, aOther, memberA } = await twoTenants();
    expect((await listMyMailboxes(memberA)).map((m) => m.id)).toEqual([aMailbox.id]);
    await expect(getMailbox(memberA, aMailbox.id)).resolves.toMatchObject({ canManage: false });
    await expectDomainError(getMailbox(memberA, aOther.id), "not_found");
    await expectDomainError(listMailboxes(memberA, {}), "forbidden");
    await expectDomainError(listConnectLinks(memberA), "forbidden");
    await expectDomainError(listMailboxFormOptions(memberA), "forbidden");
    await expectDomainError(contextFor(a.member, a.tenant, "mailboxes.read"), "forbidden");

    const before = await snapshotOf(a.tenant.id);
    for (const id of [aMailbox.id, aOther.id]) {
      await expectDomainError(
        updateMailbox(memberA, { id, displayName: "Mine", clientConfigurationId: id }),
        "forbidden",
      );
      await expectDomainError(assignMailboxMembers(memberA, { id, members: [a.member.id] }), "forbidden");
      await expectDomainError(deleteMailbox(memberA, { id }), "forbidden");
      await expectDomainError(createConnectLinks(memberA, { ids: [id], expiresInDays: 7 }), "forbidden");
    }
    await expectDomainError(
      importMailboxesCsv(memberA, "address,configuration\nx@a.test,A Google"),
      "forbidden",
    );

    signedInAs.id = a.member.id;
    const tenant = a.tenant.slug;
    const results = [
      await mailboxActions.deleteMailboxAction(null, form({ tenant, id: aMailbox.id })),
      await mailboxActions.assignMailboxMembersAction(
        null,
        form({ tenant, id: aOther.id, members: [a.member.id] }),
      ),
      await linkActions.createConnectLinksAction(
        null,
        form({ tenant, ids: [aMailbox.id], expiresInDays: "7" }),
      ),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    const upload = await uploadRoute(
      new Request(`http://127.0.0.1/t/${tenant}/mailboxes/import/upload`, {
        method: "POST",
        headers: { "x-relais-import": "1" },
        body: "address,configuration\nx@a.test,A Google",
      }),
      { params: Promise.resolve({ tenant }) },
    );
    expect(upload.status).toBe(404);
    expect(await snapshotOf(a.tenant.id)).toEqual(before);
  });
});
