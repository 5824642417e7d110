import { beforeEach, describe, expect, it, vi } from "vitest";
import { roleHas } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import {
  mailboxPermissionFor,
  mailboxScope,
  mailboxScopeDecision,
  mailboxScopeSql,
  type MailboxPurpose,
} from "@/lib/auth/mailbox-scope";
import { findConnectableMailbox } from "@/lib/oauth-flow/find-connectable-mailbox";
import { personActor } from "@/lib/oauth-flow/flow-actor";
import { listSendableMailboxes } from "@/lib/outbox/list-sendable-mailboxes";
import { listSenderMailboxes } from "@/lib/outbox/list-sender-mailboxes";
import { countQueuedMailByMailbox } from "@/lib/revocation/count-queued-mail";
import { revokeConnection } from "@/lib/revocation/revoke-connection";
import { getConnectionDetails } from "@/lib/tokens/get-connection-details";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { form } from "../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { seedConnection, seedFakeConfiguration, useTokenTestEnvironment } from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

// The revoking action runs outside a request here: the session, the headers and the cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const actions = await import("@/lib/revocation/revocation-actions");

useTokenTestEnvironment();
useTestDatabase();

const fakes = useTokenFakes();
beforeEach(() => {
  signedInAs.id = null;
});

const purposes: MailboxPurpose[] = ["see", "send", "connect", "revoke"];
const address = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@scope.test`;

/**
 * School A with a mailbox assigned to its member and one assigned to no one;
 * school B with a mailbox assigned to its own member. Each mailbox has one
 * mail waiting.
 */
async function twoSchools() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const aConfig = await seedFakeConfiguration(fakes, a.tenant.id, "microsoft");
  const bConfig = await seedFakeConfiguration(fakes, b.tenant.id, "microsoft");
  const assigned = await seedConnection({
    tenantId: a.tenant.id,
    clientConfigurationId: aConfig.id,
    address: address("assigned"),
    ownerIds: [a.member.id],
  });
  const unassigned = await seedConnection({
    tenantId: a.tenant.id,
    clientConfigurationId: aConfig.id,
    address: address("unassigned"),
  });
  const other = await seedConnection({
    tenantId: b.tenant.id,
    clientConfigurationId: bConfig.id,
    address: address("other"),
    ownerIds: [b.member.id],
  });
  const db = await getDb();
  for (const mailbox of [assigned, unassigned, other]) {
    await db.outgoingMail.create({
      data: {
        tenantId: mailbox.tenantId,
        mailboxId: mailbox.id,
        messageId: `<${crypto.randomUUID()}@relais.test>`,
        source: "portal",
        to: ["pupil@family.test"],
        subject: "Sortie",
        text: "body",
        sizeBytes: 10,
        recipientCount: 1,
        status: "queued",
      },
    });
  }
  const admin = await contextFor(a.admin, a.tenant);
  const member = await contextFor(a.member, a.tenant);
  return { a, b, admin, member, assigned, unassigned, other, ids: [assigned.id, unassigned.id, other.id] };
}

type Schools = Awaited<ReturnType<typeof twoSchools>>;

async function idsInScope(ctx: TenantContext, purpose: MailboxPurpose, ids: string[]) {
  const db = await getDb();
  const rows = await db.mailbox.findMany({
    where: { AND: [{ id: { in: ids } }, mailboxScope(ctx, purpose)] },
    select: { id: true },
  });
  return rows.map((row) => row.id).sort();
}

async function idsInSqlScope(ctx: TenantContext, purpose: MailboxPurpose, ids: string[]) {
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT m.id::text AS id FROM "Mailbox" m
    WHERE ${mailboxScopeSql(ctx, purpose, "m")} AND m.id = ANY(${ids}::uuid[])`;
  return rows.map((row) => row.id).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

describe("mailboxScope: one decision from the permissions table", () => {
  it("an admin reaches every mailbox of the school, for every purpose, and none of another school", async () => {
    const s = await twoSchools();
    for (const purpose of purposes) {
      expect(mailboxScopeDecision(s.admin, purpose)).toEqual({ all: true });
      expect(await idsInScope(s.admin, purpose, s.ids)).toEqual(sorted(s.assigned.id, s.unassigned.id));
      expect(await idsInSqlScope(s.admin, purpose, s.ids)).toEqual(sorted(s.assigned.id, s.unassigned.id));
    }
  });

  it("a member reaches only the mailboxes assigned to them, for every purpose", async () => {
    const s = await twoSchools();
    for (const purpose of purposes) {
      expect(mailboxScopeDecision(s.member, purpose)).toEqual({ assignedTo: s.a.member.id });
      expect(await idsInScope(s.member, purpose, s.ids)).toEqual([s.assigned.id]);
      expect(await idsInSqlScope(s.member, purpose, s.ids)).toEqual([s.assigned.id]);
    }
  });

  it("another school's member reaches only their own school's assigned mailbox", async () => {
    const s = await twoSchools();
    const otherMember = await contextFor(s.b.member, s.b.tenant);
    for (const purpose of purposes) {
      expect(await idsInScope(otherMember, purpose, s.ids)).toEqual([s.other.id]);
    }
  });

  it("the table gives admins the `any` permissions and both roles the `assigned` ones entry points declare", () => {
    for (const purpose of purposes) {
      expect(roleHas("member", mailboxPermissionFor(purpose))).toBe(true);
      expect(roleHas("admin", mailboxPermissionFor(purpose))).toBe(true);
    }
    for (const any of [
      "mailboxes.read",
      "mailboxes.send.any",
      "mailboxes.connect.any",
      "mailboxes.revoke.any",
    ] as const) {
      expect(roleHas("admin", any)).toBe(true);
      expect(roleHas("member", any)).toBe(false);
    }
  });
});

describe("every former definition agrees with mailboxScope", () => {
  async function expectNotFound(promise: Promise<unknown>) {
    await expect(promise).rejects.toMatchObject({ code: "not_found" });
  }

  it("the mailbox list page (SQL) shows the admin's school's mailboxes only; a member has no list", async () => {
    const s: Schools = await twoSchools();
    const page = await listMailboxes(await contextFor(s.a.admin, s.a.tenant, "mailboxes.read"), {});
    expect(page.mailboxes.map((m) => m.id).sort()).toEqual(await idsInScope(s.admin, "see", s.ids));
    await expect(listMailboxes(s.member, {})).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a mailbox's page and its connection details: what mailboxScope 'see' reaches", async () => {
    const s = await twoSchools();
    for (const ctx of [s.admin, s.member]) {
      const seen = await idsInScope(ctx, "see", s.ids);
      for (const id of s.ids) {
        if (seen.includes(id)) {
          expect((await getMailbox(ctx, id)).id).toBe(id);
          expect((await getConnectionDetails(ctx, id)).mailboxId).toBe(id);
        } else {
          await expectNotFound(getMailbox(ctx, id));
          await expectNotFound(getConnectionDetails(ctx, id));
        }
      }
    }
  });

  it("the compose page's senders and the outbox filters: what mailboxScope 'send' reaches", async () => {
    const s = await twoSchools();
    for (const ctx of [s.admin, s.member]) {
      const sendable = await idsInScope(ctx, "send", s.ids);
      expect((await listSenderMailboxes(ctx)).map((m) => m.id).sort()).toEqual(sendable);
      expect((await listSendableMailboxes(ctx)).map((m) => m.id).sort()).toEqual(sendable);
      for (const id of s.ids) {
        expect((await listSenderMailboxes(ctx, id)).map((m) => m.id)).toEqual(
          sendable.includes(id) ? [id] : [],
        );
      }
    }
  });

  it("the connect flow: a signed-in person may start it for what mailboxScope 'connect' reaches", async () => {
    const s = await twoSchools();
    for (const person of [s.a.admin, s.a.member]) {
      const actor = await personActor({ userId: person.id, email: person.email, ip: null }, s.a.tenant.slug);
      const connectable = await idsInScope(actor.ctx, "connect", s.ids);
      for (const id of s.ids) {
        if (connectable.includes(id)) expect((await findConnectableMailbox(actor, id)).id).toBe(id);
        else await expectNotFound(findConnectableMailbox(actor, id));
      }
    }
  });

  it("revoking: the confirmation's counts and the action follow mailboxScope 'revoke'", async () => {
    const s = await twoSchools();
    expect(Object.keys(await countQueuedMailByMailbox(s.member, s.ids))).toEqual([s.assigned.id]);
    expect(Object.keys(await countQueuedMailByMailbox(s.admin, s.ids)).sort()).toEqual(
      sorted(s.assigned.id, s.unassigned.id),
    );

    signedInAs.id = s.a.member.id;
    const refused = await actions.revokeConnectionAction(
      null,
      form({ tenant: s.a.tenant.slug, id: s.unassigned.id }),
    );
    expect(refused).toMatchObject({ ok: false, code: "not_found" });
    const done = await actions.revokeConnectionAction(
      null,
      form({ tenant: s.a.tenant.slug, id: s.assigned.id }),
    );
    expect(done).toMatchObject({ ok: true });

    await expect(revokeConnection(s.admin, s.other.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await revokeConnection(s.admin, s.unassigned.id)).mailboxId).toBe(s.unassigned.id);

    const db = await getDb();
    const states = await db.mailbox.findMany({
      where: { id: { in: s.ids } },
      select: { id: true, state: true },
    });
    expect(Object.fromEntries(states.map((row) => [row.id, row.state]))).toEqual({
      [s.assigned.id]: "revoked",
      [s.unassigned.id]: "revoked",
      [s.other.id]: "connected",
    });
  });
});
