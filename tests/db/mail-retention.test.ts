import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { mailJson } from "@/lib/api/mail-json";
import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { getOutgoingMail } from "@/lib/outbox/get-outgoing-mail";
import { listOutgoingMail } from "@/lib/outbox/list-outgoing-mail";
import { parseOutboxListQuery } from "@/lib/outbox/outbox-list-query";
import { purgeMailBodies } from "@/lib/outbox/purge-mail-bodies";
import { retryOutgoingMail } from "@/lib/outbox/retry-outgoing-mail";
import { getTenantSettings, setMailBodyRetention } from "@/lib/tenants/tenant-settings";
import { runMaintenance } from "@/lib/worker/run-maintenance";
import { expectDomainError, form } from "../support/action-helpers";
import { recordingLog } from "../support/capture-logs";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
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
const { setMailRetentionAction } = await import("@/lib/tenants/tenant-settings-actions");

useTestDatabase();

beforeEach(() => {
  signedInAs.id = null;
});

const DAY = 86_400_000;
const now = new Date("2031-03-15T12:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

async function school(retentionDays?: number) {
  const people = await seedTenantWithPeople();
  const db = await getDb();
  if (retentionDays !== undefined) {
    await db.tenant.update({
      where: { id: people.tenant.id },
      data: { mailBodyRetentionDays: retentionDays },
    });
  }
  const config = await seedClientConfiguration(people.tenant.id, { provider: "microsoft" });
  const mailbox = await seedMailbox(people.tenant.id, config.id, {
    address: `office-${people.tenant.slug}@college.test`,
    state: "connected",
  });
  return { ...people, mailbox };
}

/**
 * A mail in a given state, finished (or last changed) `finishedDaysAgo` days before `now`, with a
 * text, an HTML body, a relayed raw message and an attachment.
 */
async function mail(
  tenantId: string,
  mailboxId: string,
  status: OutgoingMailStatus,
  finishedDaysAgo: number,
  createdById: string | null = null,
  base = now,
) {
  const db = await getDb();
  const finished = new Date(base.getTime() - finishedDaysAgo * DAY);
  const created = await db.outgoingMail.create({
    data: {
      tenantId,
      mailboxId,
      messageId: `<${randomUUID()}@college.test>`,
      source: "portal",
      createdById,
      to: ["parent@example.org"],
      cc: ["teacher@college.test"],
      subject: `Report card of Lucas ${randomUUID().slice(0, 6)}`,
      text: "Lucas has 12/20 in maths.",
      html: "<p>Lucas has 12/20 in maths.</p>",
      raw: Buffer.from("Subject: Report card\r\n\r\nLucas has 12/20.\r\n"),
      sizeBytes: 4242,
      recipientCount: 2,
      status,
      sentAt: status === "sent" ? finished : null,
      smtpResponse: status === "sent" ? "250 2.0.0 OK queued" : null,
      lastError: status === "failed" ? "permanent: 550 no such user" : null,
      createdAt: new Date(finished.getTime() - DAY),
      attachments: {
        create: [
          {
            filename: "bulletin-lucas.pdf",
            contentType: "application/pdf",
            content: Buffer.from("%PDF-1.4 report"),
            size: 15,
          },
        ],
      },
      attemptLog: {
        create: [{ number: 1, workerId: "w1", outcome: status === "sent" ? "sent" : "permanent" }],
      },
    },
  });
  // Prisma sets updatedAt itself: the time a failed or cancelled mail finished is written here.
  await db.$executeRaw`UPDATE "OutgoingMail" SET "updatedAt" = ${finished.toISOString()}::timestamptz AT TIME ZONE 'UTC' WHERE id = ${created.id}::uuid`;
  return created;
}

/** The text a rendered server component's tree holds (its elements' children, not its client components' own). */
function textOf(node: unknown): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  if (node && typeof node === "object" && "props" in node) {
    return textOf((node as { props: { children?: unknown } }).props.children);
  }
  return "";
}

async function stored(id: string) {
  const db = await getDb();
  return db.outgoingMail.findUniqueOrThrow({
    where: { id },
    include: { attachments: true, attemptLog: true },
  });
}

describe("the mail content retention chore", () => {
  it("deletes the content of finished mail past its school's period, and keeps the record", async () => {
    const a = await school(); // the default: 30 days
    const b = await school(7);
    const db = await getDb();
    expect((await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).mailBodyRetentionDays).toBe(
      30,
    );

    const dueA = [
      await mail(a.tenant.id, a.mailbox.id, "sent", 31, a.member.id),
      await mail(a.tenant.id, a.mailbox.id, "failed", 45),
      await mail(a.tenant.id, a.mailbox.id, "cancelled", 30.5),
    ];
    const keptA = [
      await mail(a.tenant.id, a.mailbox.id, "sent", 29),
      await mail(a.tenant.id, a.mailbox.id, "cancelled", 10),
      // Not finished: kept whatever their age.
      await mail(a.tenant.id, a.mailbox.id, "queued", 100),
      await mail(a.tenant.id, a.mailbox.id, "held", 100),
      await mail(a.tenant.id, a.mailbox.id, "sending", 100),
    ];
    const dueB = [
      await mail(b.tenant.id, b.mailbox.id, "sent", 8),
      await mail(b.tenant.id, b.mailbox.id, "failed", 10),
    ];
    const keptB = [await mail(b.tenant.id, b.mailbox.id, "sent", 6)];
    const before = await stored(dueA[0]!.id);

    expect(await purgeMailBodies({ now })).toBe(dueA.length + dueB.length);

    for (const { id } of [...dueA, ...dueB]) {
      const after = await stored(id);
      expect(after).toMatchObject({ text: null, html: null, raw: null, subject: "", attachments: [] });
      expect(after.bodyPurgedAt?.toISOString()).toBe(now.toISOString());
      expect(after.bodyPurgedAfterDays).toBe(after.tenantId === a.tenant.id ? 30 : 7);
    }
    // The record stays: who, from where, to whom, when, how big, what the server said, the attempts.
    const after = await stored(dueA[0]!.id);
    expect(after).toMatchObject({
      messageId: before.messageId,
      createdById: a.member.id,
      to: before.to,
      cc: before.cc,
      sizeBytes: 4242,
      recipientCount: 2,
      status: "sent",
      smtpResponse: "250 2.0.0 OK queued",
      sentAt: before.sentAt,
      createdAt: before.createdAt,
      updatedAt: before.updatedAt,
    });
    expect(after.attemptLog).toHaveLength(1);
    expect(
      await db.outgoingAttachment.count({ where: { mailId: { in: [...dueA, ...dueB].map((m) => m.id) } } }),
    ).toBe(0);

    for (const { id } of [...keptA, ...keptB]) {
      const kept = await stored(id);
      expect(kept.bodyPurgedAt).toBeNull();
      expect(kept.text).toBe("Lucas has 12/20 in maths.");
      expect(kept.subject).toMatch(/^Report card of Lucas/);
      expect(kept.attachments).toHaveLength(1);
    }

    // Idempotent: a second run (or another worker) finds nothing, and changes nothing.
    const snapshot = await db.outgoingMail.findMany({
      where: { tenantId: { in: [a.tenant.id, b.tenant.id] } },
      orderBy: { id: "asc" },
    });
    expect(await purgeMailBodies({ now })).toBe(0);
    expect(
      await db.outgoingMail.findMany({
        where: { tenantId: { in: [a.tenant.id, b.tenant.id] } },
        orderBy: { id: "asc" },
      }),
    ).toEqual(snapshot);

    // A school that shortens its period: its mail already sent goes at the next run.
    const ctxA = await contextFor(a.admin, a.tenant, "tenant.write");
    await setMailBodyRetention(ctxA, { mailBodyRetentionDays: 5 });
    expect(await purgeMailBodies({ now })).toBe(2);
    expect((await stored(keptA[0]!.id)).bodyPurgedAfterDays).toBe(5);
    expect((await stored(keptA[2]!.id)).bodyPurgedAt).toBeNull();
    expect((await stored(keptB[0]!.id)).bodyPurgedAt).toBeNull();
  });

  it("works in bounded batches: a statement purges at most `batch` mails, a run at most `batches` statements", async () => {
    const a = await school(1);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await mail(a.tenant.id, a.mailbox.id, "sent", 2 + i)).id);
    const db = await getDb();
    const purged = () => db.outgoingMail.count({ where: { id: { in: ids }, bodyPurgedAt: { not: null } } });

    expect(await purgeMailBodies({ now, batch: 2, batches: 1 })).toBe(2);
    expect(await purged()).toBe(2);
    // Oldest first: the first statement took the two that finished longest ago.
    const first = await db.outgoingMail.findMany({ where: { id: { in: ids }, bodyPurgedAt: { not: null } } });
    expect(first.map((m) => m.id).sort()).toEqual([ids[5], ids[6]].sort());
    expect(await purgeMailBodies({ now, batch: 2, batches: 2 })).toBe(4);
    expect(await purged()).toBe(6);
    expect(await purgeMailBodies({ now, batch: 2, batches: 10 })).toBe(1);
    expect(await purged()).toBe(7);
  });

  it("runs among the workers' chores", async () => {
    const a = await school(3);
    // At the real time: the other chores (keep-alive) then find nothing to do with the seeded mailboxes.
    const realNow = new Date();
    const due = await mail(a.tenant.id, a.mailbox.id, "sent", 4, null, realNow);
    const recording = recordingLog();
    await runMaintenance(recording.log, realNow);
    expect(recording.entries().filter((entry) => entry.chore === "mail body retention")).toEqual([]);
    expect((await stored(due.id)).bodyPurgedAt).not.toBeNull();
  });
});

describe("mail whose content was deleted", () => {
  it("says so on the outbox pages and in the API, instead of an empty body, and cannot be retried", async () => {
    const a = await school(30);
    const purged = await mail(a.tenant.id, a.mailbox.id, "failed", 40);
    const kept = await mail(a.tenant.id, a.mailbox.id, "sent", 2);
    const waiting = await mail(a.tenant.id, a.mailbox.id, "queued", 0);
    await purgeMailBodies({ now });
    const ctx = await contextFor(a.admin, a.tenant, "outbox.write");

    const details = await getOutgoingMail({ kind: "person", ctx }, purged.id);
    expect(details.content).toEqual({ state: "deleted", deletedAt: now, afterDays: 30 });
    expect(mailJson(details)).toMatchObject({
      subject: "",
      attachments: [],
      content: {
        state: "deleted",
        deletedAt: now.toISOString(),
        retentionDays: 30,
        deleteAfter: null,
        note: "Subject, body and attachments deleted after 30 days (the school's retention period).",
      },
    });
    const keptJson = mailJson(await getOutgoingMail({ kind: "person", ctx }, kept.id));
    expect(keptJson.content).toEqual({
      state: "kept",
      deletedAt: null,
      retentionDays: 30,
      deleteAfter: new Date(daysAgo(2).getTime() + 30 * DAY).toISOString(),
      note: null,
    });
    expect(mailJson(await getOutgoingMail({ kind: "person", ctx }, waiting.id)).content).toMatchObject({
      state: "kept",
      deleteAfter: null,
    });

    const list = await listOutgoingMail(ctx, parseOutboxListQuery({}));
    expect(list.mails.find((m) => m.id === purged.id)?.bodyPurgedAt).toEqual(now);

    // Rendered: the detail page's heading and content row.
    const { default: OutgoingMailPage } = await import("@/app/(portal)/t/[tenant]/outbox/[id]/page");
    signedInAs.id = a.admin.id;
    const page = await OutgoingMailPage({
      params: Promise.resolve({ tenant: a.tenant.slug, id: purged.id }),
    });
    const text = textOf(page);
    expect(text).toContain("Content deleted");
    expect(text).toContain("Subject, text and attachments deleted after 30 days");
    expect(text).not.toContain("Report card of Lucas");

    await expectDomainError(retryOutgoingMail(ctx, purged.id), "conflict");
    expect((await stored(purged.id)).status).toBe("failed");
  });
});

describe("the school's retention setting", () => {
  it("is read and changed by the school's admins, from 1 to 3650 days, audited", async () => {
    const a = await school();
    signedInAs.id = a.admin.id;
    const save = (value: string, tenant = a.tenant.slug) =>
      setMailRetentionAction(null, form({ tenant, mailBodyRetentionDays: value }));

    for (const bad of ["0", "3651", "-5", "abc", "", "12.5", "1e9"]) {
      const result = await save(bad);
      expect(result, bad).toMatchObject({
        ok: false,
        code: "invalid_input",
        fieldErrors: { mailBodyRetentionDays: "Enter a whole number of days from 1 to 3650." },
      });
    }
    expect(await save(" 1 ")).toEqual({ ok: true, data: { mailBodyRetentionDays: 1, changed: true } });
    expect(await save("3650")).toEqual({ ok: true, data: { mailBodyRetentionDays: 3650, changed: true } });
    expect(await save("3650")).toEqual({ ok: true, data: { mailBodyRetentionDays: 3650, changed: false } });
    const ctx = await contextFor(a.admin, a.tenant, "tenant.write");
    expect(await getTenantSettings(ctx)).toEqual({
      mailBodyRetentionDays: 3650,
      locale: "fr",
      timeZone: "Europe/Paris",
    });

    const db = await getDb();
    const entries = await db.auditEntry.findMany({
      where: { tenantId: a.tenant.id, action: "tenant.retention_changed" },
      orderBy: { id: "asc" },
    });
    expect(entries).toMatchObject([
      { actorId: a.admin.id, actorLabel: a.admin.email, targetId: a.tenant.id, details: { from: 30, to: 1 } },
      { details: { from: 1, to: 3650 } },
    ]);
  });

  it("cannot be changed by a member, nor by another school's admin", async () => {
    const a = await school();
    const b = await school();
    const db = await getDb();
    const days = async () =>
      (await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).mailBodyRetentionDays;

    signedInAs.id = a.member.id;
    expect(
      await setMailRetentionAction(null, form({ tenant: a.tenant.slug, mailBodyRetentionDays: "2" })),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    // B's admin naming A: "not found", as for a school that does not exist.
    signedInAs.id = b.admin.id;
    expect(
      await setMailRetentionAction(null, form({ tenant: a.tenant.slug, mailBodyRetentionDays: "2" })),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
    // B's admin saving for B changes B only.
    expect(
      await setMailRetentionAction(null, form({ tenant: b.tenant.slug, mailBodyRetentionDays: "2" })),
    ).toMatchObject({
      ok: true,
    });
    expect(await days()).toBe(30);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: b.tenant.id } })).mailBodyRetentionDays).toBe(2);
    expect(
      await db.auditEntry.count({ where: { tenantId: a.tenant.id, action: "tenant.retention_changed" } }),
    ).toBe(0);

    // The domain function checks the permission itself too.
    const memberCtx = await contextFor(a.member, a.tenant, "tenant.read");
    await expectDomainError(setMailBodyRetention(memberCtx, { mailBodyRetentionDays: 2 }), "forbidden");
    expect(await days()).toBe(30);
  });
});
