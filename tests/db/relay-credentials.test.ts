import { createHash } from "node:crypto";
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
import { form } from "../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { seedRelayedMail, seedRelayEvent } from "../support/seed-relay";
import { useTestDatabase } from "../support/test-db";

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

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function setup() {
  const people = await seedTenantWithPeople();
  const config = await seedClientConfiguration(people.tenant.id, { provider: "microsoft" });
  const copier = await seedMailbox(people.tenant.id, config.id, {
    address: `scans-${people.tenant.slug}@college.test`,
    state: "connected",
  });
  const office = await seedMailbox(people.tenant.id, config.id, {
    address: `office-${people.tenant.slug}@college.test`,
    state: "needs_reconnect",
  });
  const ctx = await contextFor(people.admin, people.tenant, "relay.write");
  return { ...people, copier, office, ctx };
}

const input = (mailboxIds: string[], overrides: Record<string, unknown> = {}) => ({
  name: "Copier, staff room",
  mailboxIds,
  fromPolicy: "as_sent" as const,
  allowedNetworks: [] as string[],
  dailyCap: null,
  ...overrides,
});

beforeEach(() => {
  signedInAs.id = null;
});

describe("creating a relay credential", () => {
  it("returns the password once, keeps only its sha256 and audits without it", async () => {
    const { tenant, admin, copier, office, ctx } = await setup();
    const created = await createRelayCredential(ctx, input([office.id, copier.id, copier.id]));

    expect(created.username).toMatch(/^relay-[a-km-z2-9]{10}$/);
    expect(created.password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{25}$/);
    expect(created.mailboxes).toEqual([copier.address, office.address].sort());
    const db = await getDb();
    const row = await db.relayCredential.findUniqueOrThrow({
      where: { id: created.id },
      include: { mailboxes: true },
    });
    expect(row).toMatchObject({
      tenantId: tenant.id,
      name: "Copier, staff room",
      username: created.username,
      passwordHash: sha256(created.password),
      fromPolicy: "as_sent",
      allowedNetworks: [],
      dailyCap: null,
      createdById: admin.id,
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(created.password);
    expect(row.mailboxes.map((m) => m.mailboxId).sort()).toEqual([copier.id, office.id].sort());

    const audit = await db.auditEntry.findMany({ where: { tenantId: tenant.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "relay_credential.created",
      actorId: admin.id,
      targetType: "relay_credential",
      targetId: created.id,
      targetLabel: "Copier, staff room",
      details: { username: created.username, fromPolicy: "as_sent" },
    });
    expect(JSON.stringify(audit[0]!.details)).not.toContain(created.password);
    expect(JSON.stringify(audit[0]!.details)).not.toContain(row.passwordHash);

    // Two credentials never share a user name or a password.
    const second = await createRelayCredential(ctx, input([copier.id]));
    expect(second.username).not.toBe(created.username);
    expect(second.password).not.toBe(created.password);
  });

  it("takes the form's fields through the server action: networks, cap, policy", async () => {
    const { tenant, admin, copier } = await setup();
    signedInAs.id = admin.id;
    const result = await actions.createRelayCredentialAction(
      null,
      form({
        tenant: tenant.slug,
        name: "  Scanner  ",
        mailboxIds: copier.id,
        fromPolicy: "fixed_reply_to",
        allowedNetworks: "192.168.10.0/24, 10.0.0.5\n2001:db8::/32  192.168.10.0/24",
        dailyCap: "500",
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { name: "Scanner", mailboxes: [copier.address] } });
    if (!result.ok) return;
    const db = await getDb();
    const row = await db.relayCredential.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(row).toMatchObject({
      name: "Scanner",
      fromPolicy: "fixed_reply_to",
      allowedNetworks: ["192.168.10.0/24", "10.0.0.5/32", "2001:db8::/32"],
      dailyCap: 500,
      passwordHash: sha256(result.data.password),
    });
  });

  it.each([
    ["no mailbox", {}, "mailboxIds", "Choose at least one of this school's mailboxes."],
    ["a bad network", { allowedNetworks: "192.168.10.0/33" }, "allowedNetworks", "Write networks as"],
    ["a word as network", { allowedNetworks: "the school" }, "allowedNetworks", "Write networks as"],
    ["a bad daily cap", { dailyCap: "0" }, "dailyCap", "The daily cap is a whole number"],
    ["an empty name", { name: "   " }, "name", "This field is required."],
    ["an unknown policy", { fromPolicy: "whatever" }, "fromPolicy", "This value is not valid."],
  ])("refuses %s with a field error and creates nothing", async (_what, fields, field, message) => {
    const { tenant, admin, copier } = await setup();
    signedInAs.id = admin.id;
    const mailboxIds: Record<string, string> = field === "mailboxIds" ? {} : { mailboxIds: copier.id };
    const result = await actions.createRelayCredentialAction(
      null,
      form({ tenant: tenant.slug, name: "Copier", ...mailboxIds, ...fields }),
    );
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {})).toEqual([field]);
    expect(result.fieldErrors?.[field]).toContain(message);
    const db = await getDb();
    expect(await db.relayCredential.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("refuses a fixed From: policy with two mailboxes", async () => {
    const { tenant, admin, copier, office } = await setup();
    signedInAs.id = admin.id;
    for (const fromPolicy of ["fixed_keep_name", "fixed_reply_to"]) {
      const result = await actions.createRelayCredentialAction(
        null,
        form({ tenant: tenant.slug, name: "Copier", mailboxIds: [copier.id, office.id], fromPolicy }),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "invalid_input",
        fieldErrors: { mailboxIds: "A fixed sender needs exactly one mailbox." },
      });
    }
    const db = await getDb();
    expect(await db.relayCredential.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("refuses a mailbox of another school, alone or beside one of its own", async () => {
    const { tenant, admin, copier, ctx } = await setup();
    const other = await setup();
    signedInAs.id = admin.id;
    for (const mailboxIds of [[other.copier.id], [copier.id, other.copier.id]]) {
      const result = await actions.createRelayCredentialAction(
        null,
        form({ tenant: tenant.slug, name: "Copier", mailboxIds }),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "invalid_input",
        fieldErrors: { mailboxIds: "Choose at least one of this school's mailboxes." },
      });
    }
    await expect(createRelayCredential(ctx, input([other.copier.id]))).rejects.toMatchObject({
      code: "invalid_input",
    });
    const db = await getDb();
    const tenants = { tenantId: { in: [tenant.id, other.tenant.id] } };
    expect(await db.relayCredential.count({ where: tenants })).toBe(0);
    expect(await db.relayCredentialMailbox.count({ where: tenants })).toBe(0);
  });
});

describe("listing, reading and revoking", () => {
  it("lists the school's credentials, active ones first, never a password hash", async () => {
    const { copier, office, ctx } = await setup();
    const other = await setup();
    await createRelayCredential(other.ctx, input([other.copier.id], { name: "Other school's copier" }));
    const first = await createRelayCredential(ctx, input([copier.id], { name: "First" }));
    const second = await createRelayCredential(ctx, input([office.id, copier.id], { name: "Second" }));
    const third = await createRelayCredential(ctx, input([office.id], { name: "Third" }));
    await revokeRelayCredential(ctx, third.id);

    const listed = await listRelayCredentials(ctx);
    expect(listed.map((c) => c.name)).toEqual(["Second", "First", "Third"]);
    expect(listed[0]!.mailboxes.map((m) => m.address)).toEqual([copier.address, office.address].sort());
    expect(listed.map((c) => c.username)).toEqual([second.username, first.username, third.username]);
    expect(listed[2]!.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(sha256(first.password));
    expect(Object.keys(listed[0]!)).not.toContain("passwordHash");
  });

  it("reads one credential with its recent events and its mail of the last 24 hours", async () => {
    const { tenant, copier, office, ctx } = await setup();
    const created = await createRelayCredential(
      ctx,
      input([copier.id], {
        fromPolicy: "fixed_keep_name",
        allowedNetworks: ["192.168.10.0/24"],
        dailyCap: 200,
      }),
    );
    const otherCredential = await createRelayCredential(ctx, input([office.id], { name: "Other" }));
    const startedAt = new Date(Date.now() - 60_000);
    await seedRelayEvent(tenant.id, created.id, {
      kind: "refusal",
      code: 550,
      reason: "sender_not_allowed",
      detail: "someone@else.test",
      createdAt: new Date(Date.now() - 30_000),
    });
    await seedRelayEvent(tenant.id, created.id, { kind: "session", messages: 3, refusals: 1, startedAt });
    await seedRelayEvent(tenant.id, otherCredential.id, {
      kind: "session",
      messages: 9,
      refusals: 0,
      startedAt,
    });
    await seedRelayedMail(tenant.id, copier.id, created.id);
    await seedRelayedMail(tenant.id, copier.id, created.id, { status: "sent" });
    await seedRelayedMail(tenant.id, copier.id, created.id, {
      createdAt: new Date(Date.now() - 25 * 3_600_000),
    });
    await seedRelayedMail(tenant.id, office.id, otherCredential.id);

    const details = await getRelayCredential(ctx, created.id);
    expect(details).toMatchObject({
      id: created.id,
      name: "Copier, staff room",
      username: created.username,
      fromPolicy: "fixed_keep_name",
      allowedNetworks: ["192.168.10.0/24"],
      dailyCap: 200,
      revokedAt: null,
      mailLastDay: 2,
      mailboxes: [{ id: copier.id, address: copier.address, state: "connected" }],
    });
    expect(details.events.map((e) => [e.kind, e.reason, e.code, e.messages])).toEqual([
      ["session", "", null, 3],
      ["refusal", "sender_not_allowed", 550, 0],
    ]);
    expect(details.events[0]).toMatchObject({ clientIp: "192.168.10.21", startedAt, refusals: 1 });
    expect(typeof details.events[0]!.id).toBe("string");
    expect(Object.keys(details)).not.toContain("passwordHash");
    await expect(getRelayCredential(ctx, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });

  it("revokes once, audited once; a second revoke changes nothing", async () => {
    const { tenant, admin, copier, ctx } = await setup();
    const created = await createRelayCredential(ctx, input([copier.id]));
    signedInAs.id = admin.id;
    const first = await actions.revokeRelayCredentialAction(
      null,
      form({ tenant: tenant.slug, id: created.id }),
    );
    expect(first).toMatchObject({ ok: true, data: { id: created.id, revoked: true } });
    const db = await getDb();
    const revokedAt = (await db.relayCredential.findUniqueOrThrow({ where: { id: created.id } })).revokedAt;
    expect(revokedAt).toBeInstanceOf(Date);

    const second = await actions.revokeRelayCredentialAction(
      null,
      form({ tenant: tenant.slug, id: created.id }),
    );
    expect(second).toMatchObject({ ok: true, data: { revoked: false } });
    expect(await revokeRelayCredential(ctx, created.id)).toEqual({ id: created.id, revoked: false });
    expect((await db.relayCredential.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toEqual(
      revokedAt,
    );
    const audit = await db.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "relay_credential.revoked" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      targetId: created.id,
      details: { username: created.username },
    });
  });

  it("forbids a member every entry point and changes nothing", async () => {
    const { tenant, member, copier, ctx } = await setup();
    const created = await createRelayCredential(ctx, input([copier.id]));
    const memberCtx = await contextFor(member, tenant, "tenant.read");
    await expect(createRelayCredential(memberCtx, input([copier.id]))).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(listRelayCredentials(memberCtx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getRelayCredential(memberCtx, created.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeRelayCredential(memberCtx, created.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(contextFor(member, tenant, "relay.write")).rejects.toMatchObject({ code: "forbidden" });

    signedInAs.id = member.id;
    expect(
      await actions.createRelayCredentialAction(
        null,
        form({ tenant: tenant.slug, name: "Mine", mailboxIds: copier.id }),
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await actions.revokeRelayCredentialAction(null, form({ tenant: tenant.slug, id: created.id })),
    ).toMatchObject({ ok: false, code: "forbidden" });
    signedInAs.id = null;
    expect(
      await actions.revokeRelayCredentialAction(null, form({ tenant: tenant.slug, id: created.id })),
    ).toMatchObject({ ok: false, code: "unauthenticated" });

    const db = await getDb();
    expect(await db.relayCredential.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect((await db.relayCredential.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeNull();
  });
});

describe("relayed mail in the outbox", () => {
  it("filters by credential inside the school and names the credential and the client address", async () => {
    const { tenant, member, copier, office, ctx } = await setup();
    const db = await getDb();
    await db.mailboxAssignment.create({
      data: { tenantId: tenant.id, mailboxId: copier.id, userId: member.id },
    });
    const scanner = await createRelayCredential(ctx, input([copier.id], { name: "Scanner" }));
    const app = await createRelayCredential(ctx, input([office.id], { name: "Timetable" }));
    const scanned = await seedRelayedMail(tenant.id, copier.id, scanner.id, { clientIp: "192.168.10.40" });
    const timetable = await seedRelayedMail(tenant.id, office.id, app.id);
    const portal = await seedRelayedMail(tenant.id, copier.id, null);

    const all = await listOutgoingMail(ctx, parseOutboxListQuery({}));
    expect(all.mails.map((m) => m.id).sort()).toEqual([scanned.id, timetable.id, portal.id].sort());
    const byScanner = await listOutgoingMail(
      ctx,
      parseOutboxListQuery({ credential: scanner.id.toUpperCase() }),
    );
    expect(byScanner.mails).toHaveLength(1);
    expect(byScanner.mails[0]).toMatchObject({
      id: scanned.id,
      source: "relay",
      clientIp: "192.168.10.40",
      relayCredential: { id: scanner.id, name: "Scanner" },
    });
    expect(byScanner.counts.queued).toBe(1);
    expect(Object.keys(byScanner.mails[0]!)).not.toContain("raw");
    // Not understood: dropped, like the other filters.
    expect(
      (await listOutgoingMail(ctx, parseOutboxListQuery({ credential: "nonsense" }))).mails,
    ).toHaveLength(3);
    const fromPortal = all.mails.find((m) => m.id === portal.id);
    expect(fromPortal).toMatchObject({ source: "portal", clientIp: null, relayCredential: null });

    // A member sees which credential sent the mail of their mailbox, and only that mail.
    const memberCtx = await contextFor(member, tenant, "outbox.read");
    const mine = await listOutgoingMail(memberCtx, parseOutboxListQuery({ credential: app.id }));
    expect(mine.mails).toEqual([]);
    const details = await getOutgoingMail({ kind: "person", ctx: memberCtx }, scanned.id);
    expect(details).toMatchObject({
      source: "relay",
      clientIp: "192.168.10.40",
      relayCredential: { id: scanner.id, name: "Scanner" },
    });
    expect(Object.keys(details)).not.toContain("raw");
    await expect(getOutgoingMail({ kind: "person", ctx: memberCtx }, timetable.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

/** Runs one command line in this process, as scripts/relais.ts would, and records what it printed. */
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

describe("the relay command line", () => {
  it("relay:create prints the user name, the password and the server, and keeps only the hash", async () => {
    const { tenant, copier } = await setup();
    const result = await cli([
      "relay:create",
      "--tenant",
      tenant.slug,
      "--name",
      "Timetable",
      "--mailbox",
      copier.address.toUpperCase(),
      "--from-policy",
      "fixed_keep_name",
      "--network",
      "192.168.10.0/24",
      "--network",
      "10.1.2.3",
      "--daily-cap",
      "300",
    ]);
    expect(result).toMatchObject({ code: 0, err: "" });
    const username = /^User name: (relay-\S+)$/m.exec(result.out)?.[1];
    const password = /^Password:\s+(\S+)$/m.exec(result.out)?.[1];
    expect(username).toBeDefined();
    expect(password).toHaveLength(25);
    expect(result.out).toContain(`Mailboxes: ${copier.address}`);
    expect(result.out).toMatch(/^Server:/m);
    const db = await getDb();
    const row = await db.relayCredential.findUniqueOrThrow({ where: { username: username! } });
    expect(row).toMatchObject({
      tenantId: tenant.id,
      name: "Timetable",
      passwordHash: sha256(password!),
      fromPolicy: "fixed_keep_name",
      allowedNetworks: ["192.168.10.0/24", "10.1.2.3/32"],
      dailyCap: 300,
      createdById: null,
    });
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "relay_credential.created" },
    });
    expect(audit).toMatchObject({ actorId: null, actorLabel: "cli", targetId: row.id });
    expect(JSON.stringify(audit.details)).not.toContain(password!);
  });

  it.each([
    [["--tenant", "no-such-school", "--name", "X", "--mailbox", "a@b.test"], "--tenant: there is no school"],
    [["--name", "X", "--mailbox", "a@b.test"], "--tenant: give the short name"],
    [["--name", "X"], "--mailbox: Choose at least one"],
    [["--name", "X", "--mailbox", "nobody@college.test"], "has no mailbox nobody@college.test"],
    [["--name", "X", "--mailbox", "{copier}", "--network", "300.1.1.1"], "--network: Write networks as"],
    [["--name", "X", "--mailbox", "{copier}", "--daily-cap", "lots"], "--daily-cap: The daily cap"],
    [["--name", "X", "--mailbox", "{copier}", "--from-policy", "any"], "--from-policy:"],
    [
      ["--name", "X", "--mailbox", "{copier}", "--mailbox", "{office}", "--from-policy", "fixed_reply_to"],
      "--mailbox: A fixed sender needs exactly one mailbox.",
    ],
  ])("relay:create %j is a usage error (exit 2) that says what is wrong", async (args, message) => {
    const { tenant, copier, office } = await setup();
    const argv = args.map((arg) =>
      arg.replace("{copier}", copier.address).replace("{office}", office.address),
    );
    const withTenant =
      argv.includes("--tenant") || message.includes("--tenant") ? argv : ["--tenant", tenant.slug, ...argv];
    const result = await cli(["relay:create", ...withTenant]);
    expect(result.code).toBe(2);
    expect(result.err.split("\n")[0]).toMatch(/^Error: /);
    expect(result.err.split("\n")[0]).toContain(message);
    expect(result.err).toContain("Usage: npm run relais -- relay:create --tenant <slug>");
    const db = await getDb();
    expect(await db.relayCredential.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("relay:list prints one line per credential of that school only", async () => {
    const { tenant, copier, office, ctx } = await setup();
    const other = await setup();
    await createRelayCredential(other.ctx, input([other.copier.id], { name: "Elsewhere" }));
    expect((await cli(["relay:list", "--tenant", tenant.slug])).out).toContain("No relay credentials");

    const copierCredential = await createRelayCredential(ctx, input([copier.id], { name: "Copier" }));
    const app = await createRelayCredential(ctx, input([copier.id, office.id], { name: "Timetable" }));
    await revokeRelayCredential(ctx, app.id);
    const db = await getDb();
    await db.relayCredential.update({
      where: { id: copierCredential.id },
      data: { lastUsedAt: new Date("2026-03-02T08:15:00Z"), lastUsedIp: "192.168.10.21" },
    });

    const result = await cli(["relay:list", "--tenant", tenant.slug]);
    expect(result.code).toBe(0);
    const lines = result.out.split("\n");
    expect(lines[0]).toMatch(/^NAME\s+USER NAME\s+MAILBOXES\s+LAST USED\s+STATE$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      new RegExp(
        `^Copier\\s+${copierCredential.username}\\s+${copier.address}\\s+2026-03-02 08:15 UTC from 192\\.168\\.10\\.21\\s+active$`,
      ),
    );
    expect(lines[2]).toMatch(
      new RegExp(
        `^Timetable\\s+${app.username}\\s+${[copier.address, office.address].sort().join(",")}\\s+never\\s+revoked$`,
      ),
    );
    expect(result.out).not.toContain("Elsewhere");
  });

  it("relay:revoke by user name or id, once; another school's credential is not found", async () => {
    const { tenant, copier, ctx } = await setup();
    const other = await setup();
    const mine = await createRelayCredential(ctx, input([copier.id], { name: "Copier" }));
    const byId = await createRelayCredential(ctx, input([copier.id], { name: "Scanner" }));
    const theirs = await createRelayCredential(other.ctx, input([other.copier.id], { name: "Theirs" }));

    const revoked = await cli(["relay:revoke", "--tenant", tenant.slug, "--username", mine.username]);
    expect(revoked).toMatchObject({ code: 0, out: `Revoked relay credential "Copier" (${mine.username}).` });
    const again = await cli(["relay:revoke", "--tenant", tenant.slug, "--username", mine.username]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("was already revoked: unchanged.");
    expect((await cli(["relay:revoke", "--tenant", tenant.slug, "--id", byId.id.toUpperCase()])).code).toBe(
      0,
    );

    const foreign = await cli(["relay:revoke", "--tenant", tenant.slug, "--username", theirs.username]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toContain(
      `--username: tenant ${tenant.slug} has no relay credential ${theirs.username}.`,
    );
    const foreignId = await cli(["relay:revoke", "--tenant", tenant.slug, "--id", theirs.id]);
    expect(foreignId.code).toBe(2);
    for (const argv of [
      ["relay:revoke", "--tenant", tenant.slug],
      ["relay:revoke", "--tenant", tenant.slug, "--username", mine.username, "--id", mine.id],
    ]) {
      const result = await cli(argv);
      expect(result.code).toBe(2);
      expect(result.err).toContain("give either --username or --id.");
    }

    const db = await getDb();
    const tenants = { tenantId: { in: [tenant.id, other.tenant.id] } };
    const rows = await db.relayCredential.findMany({ where: tenants, select: { id: true, revokedAt: true } });
    const revokedIds = rows.filter((row) => row.revokedAt !== null).map((row) => row.id);
    expect(revokedIds.sort()).toEqual([mine.id, byId.id].sort());
    const audit = await db.auditEntry.findMany({
      where: { ...tenants, action: "relay_credential.revoked" },
      select: { tenantId: true, targetId: true, actorLabel: true },
    });
    expect(audit).toHaveLength(2);
    expect(audit.every((entry) => entry.tenantId === tenant.id && entry.actorLabel === "cli")).toBe(true);
  });

  it("help lists the relay commands with their usage", async () => {
    const help = await cli(["help"]);
    expect(help.code).toBe(0);
    for (const name of ["relay:create", "relay:list", "relay:revoke"]) expect(help.out).toContain(name);
    expect((await cli(["help", "relay:revoke"])).out).toContain(
      "relay:revoke --tenant <slug> (--username <user name> | --id <id>)",
    );
  });
});
