import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CliIo } from "@/lib/cli/command";
import { runCli } from "@/lib/cli/run-cli";
import { getDb } from "@/lib/db/client";
import { getOutgoingMail } from "@/lib/outbox/get-outgoing-mail";
import { listOutgoingMail } from "@/lib/outbox/list-outgoing-mail";
import { parseOutboxListQuery } from "@/lib/outbox/outbox-list-query";
import { createRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import { getRelayCredential } from "@/lib/relay-credentials/get-relay-credential";
import { listRelayCredentials } from "@/lib/relay-credentials/list-relay-credentials";
import { revokeRelayCredential } from "@/lib/relay-credentials/revoke-relay-credential";
import { form } from "../../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { seedClientConfiguration, seedMailbox } from "../../support/seed-mailboxes";
import { seedRelayedMail, seedRelayEvent } from "../../support/seed-relay";
import { useTestDatabase } from "../../support/test-db";

// Server actions run outside a request here: the session and headers are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const actions = await import("@/lib/relay-credentials/relay-credential-actions");

useTestDatabase();

async function school(address: string) {
  const people = await seedTenantWithPeople();
  const config = await seedClientConfiguration(people.tenant.id);
  const mailbox = await seedMailbox(people.tenant.id, config.id, { address, state: "connected" });
  const ctx = await contextFor(people.admin, people.tenant, "relay.write");
  return { ...people, mailbox, ctx };
}

async function twoSchools() {
  const a = await school("scans@school-a.test");
  const b = await school("scans@school-b.test");
  const aCredential = await createRelayCredential(a.ctx, {
    name: "A copier",
    mailboxIds: [a.mailbox.id],
    fromPolicy: "as_sent",
    allowedNetworks: [],
    dailyCap: null,
  });
  const bCredential = await createRelayCredential(b.ctx, {
    name: "B copier",
    mailboxIds: [b.mailbox.id],
    fromPolicy: "fixed_keep_name",
    allowedNetworks: ["10.20.0.0/16"],
    dailyCap: 50,
  });
  await seedRelayEvent(b.tenant.id, bCredential.id, {
    kind: "refusal",
    code: 535,
    reason: "bad_password",
    createdAt: new Date(),
  });
  const bMail = await seedRelayedMail(b.tenant.id, b.mailbox.id, bCredential.id, { subject: "B scan" });
  const aMail = await seedRelayedMail(a.tenant.id, a.mailbox.id, aCredential.id, { subject: "A scan" });
  return { a, b, aCredential, bCredential, bMail, aMail };
}

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    credentials: await db.relayCredential.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    links: await db.relayCredentialMailbox.findMany({ where: { tenantId }, orderBy: { mailboxId: "asc" } }),
    events: await db.relayEvent.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    mail: await db.outgoingMail.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    audit: await db.auditEntry.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  };
}

beforeEach(() => {
  signedInAs.id = null;
});

describe("relay isolation", () => {
  it("domain functions as tenant A's admin neither read nor change B's credentials", async () => {
    const { a, b, bCredential } = await twoSchools();
    const before = await snapshotOf(b.tenant.id);
    expect((await listRelayCredentials(a.ctx)).map((c) => c.name)).toEqual(["A copier"]);
    await expect(getRelayCredential(a.ctx, bCredential.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeRelayCredential(a.ctx, bCredential.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createRelayCredential(a.ctx, {
        name: "planted",
        mailboxIds: [b.mailbox.id],
        fromPolicy: "as_sent",
        allowedNetworks: [],
        dailyCap: null,
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("the server actions answer not found for B's credential and for B's tenant", async () => {
    const { a, b, bCredential } = await twoSchools();
    const before = await snapshotOf(b.tenant.id);
    signedInAs.id = a.admin.id;
    for (const tenant of [a.tenant.slug, b.tenant.slug]) {
      expect(
        await actions.revokeRelayCredentialAction(null, form({ tenant, id: bCredential.id })),
      ).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(
      await actions.createRelayCredentialAction(
        null,
        form({ tenant: b.tenant.slug, name: "planted", mailboxIds: b.mailbox.id }),
      ),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await actions.createRelayCredentialAction(
        null,
        form({ tenant: a.tenant.slug, name: "planted", mailboxIds: b.mailbox.id }),
      ),
    ).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("B's credential filters A's outbox to nothing, and the database refuses A's mail pointing at it", async () => {
    const { a, b, aCredential, bCredential, bMail, aMail } = await twoSchools();
    const before = await snapshotOf(b.tenant.id);
    // A row of A's pointing at B's credential: the (tenantId, relayCredentialId) key refuses it.
    await expect(
      seedRelayedMail(a.tenant.id, a.mailbox.id, bCredential.id, { subject: "stray" }),
    ).rejects.toThrow();

    const filtered = await listOutgoingMail(a.ctx, parseOutboxListQuery({ credential: bCredential.id }));
    expect(filtered.mails).toEqual([]);
    expect(JSON.stringify(filtered)).not.toContain("B copier");
    expect(JSON.stringify(filtered)).not.toContain(bMail.id);

    const all = await listOutgoingMail(a.ctx, parseOutboxListQuery({}));
    expect(all.mails.map((m) => m.id)).toEqual([aMail.id]);
    const person = { kind: "person" as const, ctx: a.ctx };
    await expect(getOutgoingMail(person, bMail.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await getOutgoingMail(person, aMail.id)).relayCredential).toEqual({
      id: aCredential.id,
      name: "A copier",
    });
    // The filter's choices are the school's own credentials.
    expect((await listRelayCredentials(a.ctx)).map((c) => c.id)).toEqual([aCredential.id]);

    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("the command line for tenant A cannot list or revoke B's credentials", async () => {
    const { a, b, bCredential } = await twoSchools();
    const before = await snapshotOf(b.tenant.id);
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readStdin: async () => "",
    };
    expect(await runCli(["relay:list", "--tenant", a.tenant.slug], io)).toBe(0);
    expect(out.join("\n")).not.toContain(bCredential.username);
    expect(
      await runCli(["relay:revoke", "--tenant", a.tenant.slug, "--username", bCredential.username], io),
    ).toBe(2);
    expect(await runCli(["relay:revoke", "--tenant", a.tenant.slug, "--id", bCredential.id], io)).toBe(2);
    expect(
      await runCli(
        ["relay:create", "--tenant", a.tenant.slug, "--name", "planted", "--mailbox", b.mailbox.address],
        io,
      ),
    ).toBe(2);
    expect(err.join("\n")).toContain(`has no mailbox ${b.mailbox.address}`);
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });
});
