import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { listOutgoingMail } from "@/lib/outbox/list-outgoing-mail";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { form } from "../support/action-helpers";

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
const actions = await import("@/lib/outbox/outbox-actions");

useTestDatabase();

async function setup() {
  const people = await seedTenantWithPeople();
  const db = await getDb();
  const config = await db.clientConfiguration.create({
    data: {
      tenantId: people.tenant.id,
      name: "Microsoft",
      provider: "microsoft",
      smtpHost: "smtp.office365.com",
      smtpPort: 587,
      smtpSecurity: "starttls",
      scopes: ["https://outlook.office.com/SMTP.Send", "offline_access"],
    },
  });
  const mailbox = await db.mailbox.create({
    data: {
      tenantId: people.tenant.id,
      address: `secretariat-${people.tenant.slug}@college.test`,
      clientConfigurationId: config.id,
      state: "connected",
    },
  });
  const other = await db.mailbox.create({
    data: {
      tenantId: people.tenant.id,
      address: `direction-${people.tenant.slug}@college.test`,
      clientConfigurationId: config.id,
      state: "needs_reconnect",
    },
  });
  await db.mailboxAssignment.create({
    data: { tenantId: people.tenant.id, mailboxId: mailbox.id, userId: people.member.id },
  });
  return { ...people, mailbox, other };
}

beforeEach(() => {
  signedInAs.id = null;
});

describe("the compose action", () => {
  it("queues a mail with its attachments and sending time", async () => {
    const { tenant, member, mailbox } = await setup();
    signedInAs.id = member.id;
    const sendAt = new Date(Date.now() + 2 * 3_600_000);
    const result = await actions.composeMailAction(
      null,
      form({
        tenant: tenant.slug,
        mailboxId: mailbox.id,
        to: "parent1@example.org, parent2@example.org",
        cc: "",
        bcc: "archives@example.org",
        subject: "Conseil de classe",
        text: "Le conseil a lieu mardi.",
        html: "",
        sendAt: sendAt.toISOString(),
        attachments: [
          new File(["ordre du jour"], "ordre-du-jour.txt", { type: "text/plain" }),
          new File([], "", { type: "application/octet-stream" }),
        ],
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { status: "queued" } });
    const db = await getDb();
    const row = await db.outgoingMail.findFirstOrThrow({
      where: { tenantId: tenant.id },
      include: { attachments: true },
    });
    expect(row).toMatchObject({
      to: ["parent1@example.org", "parent2@example.org"],
      bcc: ["archives@example.org"],
      createdById: member.id,
      source: "portal",
    });
    expect(row.nextAttemptAt.toISOString()).toBe(sendAt.toISOString());
    expect(
      row.attachments.map((a) => [a.filename, a.contentType, Buffer.from(a.content).toString()]),
    ).toEqual([["ordre-du-jour.txt", "text/plain", "ordre du jour"]]);
  });

  it("shows refused fields next to them and queues nothing", async () => {
    const { tenant, admin, mailbox } = await setup();
    signedInAs.id = admin.id;
    const result = await actions.composeMailAction(
      null,
      form({ tenant: tenant.slug, mailboxId: mailbox.id, to: "nobody", subject: "a\r\nb", text: "" }),
    );
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (!result.ok) expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["body", "subject", "to"]);
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("refuses a member a mailbox not assigned to them", async () => {
    const { tenant, member, other } = await setup();
    signedInAs.id = member.id;
    const result = await actions.composeMailAction(
      null,
      form({ tenant: tenant.slug, mailboxId: other.id, to: "a@example.org", subject: "s", text: "t" }),
    );
    expect(result).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("test mail, retry, cancel and the list", () => {
  it("queues a test mail to the person, held when the mailbox needs reconnecting", async () => {
    const { tenant, admin, mailbox, other } = await setup();
    signedInAs.id = admin.id;
    expect(
      await actions.sendTestMailAction(null, form({ tenant: tenant.slug, mailboxId: mailbox.id })),
    ).toMatchObject({
      ok: true,
      data: { status: "queued" },
    });
    expect(
      await actions.sendTestMailAction(null, form({ tenant: tenant.slug, mailboxId: other.id })),
    ).toMatchObject({
      ok: true,
      data: { status: "held" },
    });
    const db = await getDb();
    const rows = await db.outgoingMail.findMany({ where: { tenantId: tenant.id } });
    expect(rows.map((r) => r.to)).toEqual([[admin.email], [admin.email]]);
  });

  it("retries failed mail, cancels waiting mail, and refuses the other way round", async () => {
    const { tenant, admin, mailbox } = await setup();
    signedInAs.id = admin.id;
    await actions.sendTestMailAction(null, form({ tenant: tenant.slug, mailboxId: mailbox.id }));
    await actions.sendTestMailAction(null, form({ tenant: tenant.slug, mailboxId: mailbox.id }));
    const db = await getDb();
    const [failed, waiting] = await db.outgoingMail.findMany({
      where: { tenantId: tenant.id },
      orderBy: { id: "asc" },
    });
    await db.outgoingMail.update({ where: { id: failed!.id }, data: { status: "failed", attempts: 8 } });
    expect(await actions.cancelMailAction(null, form({ tenant: tenant.slug, id: failed!.id }))).toMatchObject(
      {
        ok: false,
        code: "conflict",
      },
    );
    expect(await actions.retryMailAction(null, form({ tenant: tenant.slug, id: failed!.id }))).toMatchObject({
      ok: true,
    });
    expect(await actions.retryMailAction(null, form({ tenant: tenant.slug, id: waiting!.id }))).toMatchObject(
      {
        ok: false,
        code: "conflict",
      },
    );
    expect(
      await actions.cancelMailAction(null, form({ tenant: tenant.slug, id: waiting!.id })),
    ).toMatchObject({ ok: true });
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: failed!.id } })).toMatchObject({
      status: "queued",
      attempts: 0,
    });
    expect((await db.outgoingMail.findUniqueOrThrow({ where: { id: waiting!.id } })).status).toBe(
      "cancelled",
    );
  });

  it("lists with counts, filters and search; members see only their mailboxes' mail", async () => {
    const { tenant, admin, member, mailbox, other } = await setup();
    signedInAs.id = admin.id;
    await actions.sendTestMailAction(null, form({ tenant: tenant.slug, mailboxId: mailbox.id }));
    await actions.sendTestMailAction(null, form({ tenant: tenant.slug, mailboxId: other.id }));
    const adminCtx = await contextFor(admin, tenant, "outbox.read");
    const all = await listOutgoingMail(adminCtx, { status: null, mailboxId: null, search: "", page: 1 });
    expect(all.counts).toMatchObject({ queued: 1, held: 1, sent: 0 });
    const held = await listOutgoingMail(adminCtx, { status: "held", mailboxId: null, search: "", page: 1 });
    expect(held.mails.map((m) => m.mailbox.address)).toEqual([other.address]);
    const byRecipient = await listOutgoingMail(adminCtx, {
      status: null,
      mailboxId: null,
      search: admin.email,
      page: 1,
    });
    expect(byRecipient.total).toBe(2);
    const bySubject = await listOutgoingMail(adminCtx, {
      status: null,
      mailboxId: null,
      search: "no such",
      page: 1,
    });
    expect(bySubject.total).toBe(0);
    const memberCtx = await contextFor(member, tenant, "outbox.read");
    const mine = await listOutgoingMail(memberCtx, { status: null, mailboxId: null, search: "", page: 1 });
    expect(mine.mails.map((m) => m.mailbox.address)).toEqual([mailbox.address]);
  });
});

describe("what compose and the test mail answer for each state of the mailbox", () => {
  // Each state (and error code) the health line tells apart: whether a mail from it is
  // queued, held (and the words say until what), or refused with nothing queued.
  const paused = new Date(Date.now() + 3_600_000);
  const states = [
    { name: "connected", state: "connected", key: null },
    { name: "paused", state: "connected", pausedUntil: paused, key: "outbox.sendability.held.paused" },
    { name: "pending", state: "pending", key: "outbox.sendability.held.not_connected" },
    { name: "needs-reconnect", state: "needs_reconnect", key: "outbox.sendability.held.reconnect" },
    { name: "scope", state: "insufficient_scope", key: "outbox.sendability.held.reconnect" },
    {
      name: "consent",
      state: "insufficient_scope",
      lastErrorCode: "transport_needs_consent",
      key: "outbox.sendability.held.reconnect",
    },
    {
      name: "application",
      state: "config_error",
      lastErrorCode: "invalid_client",
      key: "outbox.sendability.held.configuration",
    },
    {
      name: "smtp-auth",
      state: "config_error",
      lastErrorCode: "smtp_auth_disabled",
      key: "outbox.sendability.held.smtp_auth",
    },
    {
      name: "send-as",
      state: "config_error",
      lastErrorCode: "send_as_denied",
      key: "outbox.sendability.held.send_as",
    },
  ] as const;

  async function seedStates() {
    const s = await setup();
    const db = await getDb();
    const mailboxes = new Map<string, { id: string; address: string }>();
    for (const entry of [...states, { name: "revoked", state: "revoked" } as const]) {
      mailboxes.set(
        entry.name,
        await db.mailbox.create({
          data: {
            tenantId: s.tenant.id,
            address: `${entry.name}-${s.tenant.slug}@college.test`,
            clientConfigurationId: s.mailbox.clientConfigurationId,
            state: entry.state,
            lastErrorCode: "lastErrorCode" in entry ? entry.lastErrorCode : null,
            pausedUntil: "pausedUntil" in entry ? entry.pausedUntil : null,
          },
          select: { id: true, address: true },
        }),
      );
    }
    signedInAs.id = s.admin.id;
    return { ...s, mailboxes };
  }

  it("queues from a mailbox that can send, holds and says until what from one that cannot, refuses a revoked one", async () => {
    const { tenant, mailboxes } = await seedStates();
    const db = await getDb();
    for (const entry of states) {
      const mailbox = mailboxes.get(entry.name)!;
      const result = await actions.composeMailAction(
        null,
        form({
          tenant: tenant.slug,
          mailboxId: mailbox.id,
          to: "parent@example.org",
          subject: "s",
          text: "t",
        }),
      );
      if (!result.ok) throw new Error(`${entry.name}: ${result.message}`);
      const row = await db.outgoingMail.findUniqueOrThrow({ where: { id: result.data.id } });
      if (entry.key === null) {
        expect(result.data).toMatchObject({
          status: "queued",
          tone: "success",
          messageKey: "outbox.compose.queued",
        });
        expect(row.status).toBe("queued");
        continue;
      }
      expect(result.data, entry.name).toMatchObject({
        status: "held",
        tone: "warning",
        messageKey: entry.key,
      });
      expect(row.status, entry.name).toBe("held");
      // The words name what it waits for, never that the mailbox "can send again".
      expect(result.data.message, entry.name).not.toContain("can send again");
      if (
        entry.key !== "outbox.sendability.held.configuration" &&
        entry.key !== "outbox.sendability.held.paused"
      )
        expect(result.data.message, entry.name).toContain(mailbox.address);
    }
    const pending = await actions.composeMailAction(
      null,
      form({
        tenant: tenant.slug,
        mailboxId: mailboxes.get("pending")!.id,
        to: "p@example.org",
        subject: "s",
        text: "t",
      }),
    );
    expect(pending).toMatchObject({
      ok: true,
      data: {
        message: `The mail is queued but held: it waits until ${mailboxes.get("pending")!.address} is connected, then leaves by itself.`,
      },
    });

    const revoked = mailboxes.get("revoked")!;
    const refused = await actions.composeMailAction(
      null,
      form({ tenant: tenant.slug, mailboxId: revoked.id, to: "parent@example.org", subject: "s", text: "t" }),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: `${revoked.address} is disconnected: nothing can be sent from it until it is connected again. Nothing was queued.`,
      fieldErrors: { mailboxId: "This mailbox is disconnected: connect it again, or choose another one." },
    });
    expect(await db.outgoingMail.count({ where: { mailboxId: revoked.id } })).toBe(0);
  });

  it("answers the test mail the same way, in the person's words", async () => {
    const { tenant, admin, mailboxes } = await seedStates();
    const db = await getDb();
    for (const entry of states) {
      const mailbox = mailboxes.get(entry.name)!;
      const result = await actions.sendTestMailAction(
        null,
        form({ tenant: tenant.slug, mailboxId: mailbox.id }),
      );
      expect(result, entry.name).toMatchObject({
        ok: true,
        data: entry.key
          ? { status: "held", tone: "warning", messageKey: entry.key }
          : { status: "queued", tone: "success", messageKey: "outbox.testMail.queued" },
      });
    }
    const revoked = mailboxes.get("revoked")!;
    expect(
      await actions.sendTestMailAction(null, form({ tenant: tenant.slug, mailboxId: revoked.id })),
    ).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: expect.stringContaining("Nothing was queued."),
    });
    const rows = await db.outgoingMail.findMany({ where: { tenantId: tenant.id }, select: { to: true } });
    expect(rows).toHaveLength(states.length);
    expect(rows.every((row) => row.to[0] === admin.email)).toBe(true);
  });
});
