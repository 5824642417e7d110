import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import type { MailDraft } from "@/lib/outbox/mail-input";
import { queueMail } from "@/lib/outbox/queue-mail";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { draft, seedFakeConfiguration, seedMailboxInState } from "./outbox-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();

const fakes = useOutboxFakes();

async function setup() {
  const people = await seedTenantWithPeople();
  const google = await seedFakeConfiguration(fakes, people.tenant.id, "google");
  const microsoft = await seedFakeConfiguration(fakes, people.tenant.id, "microsoft");
  const db = await getDb();
  const gmail = await db.mailbox.create({
    data: {
      tenantId: people.tenant.id,
      address: "direction@lycee.test",
      clientConfigurationId: google.id,
      state: "connected",
    },
  });
  const outlook = await db.mailbox.create({
    data: {
      tenantId: people.tenant.id,
      address: "vie@college.test",
      clientConfigurationId: microsoft.id,
      state: "connected",
    },
  });
  const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
  return { ...people, google, gmail, outlook, ctx, sender: { kind: "person" as const, ctx } };
}

async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).fieldErrors ?? {};
}

describe("queueMail", () => {
  it("queues a mail with a Message-ID of the mailbox's domain and its attachments", async () => {
    const { sender, gmail, tenant } = await setup();
    const sendAt = new Date(Date.now() + 3_600_000);
    const queued = await queueMail(sender, {
      mailbox: { mailboxId: gmail.id },
      draft: draft({
        cc: ["Prof@Example.ORG"],
        attachments: [{ filename: "menu.pdf", contentType: "application/pdf", content: Buffer.from("%PDF") }],
        sendAt,
      }),
    });
    expect(queued.status).toBe("queued");
    expect(queued.messageId).toMatch(/^<[0-9a-f-]{36}@lycee\.test>$/);
    const db = await getDb();
    const row = await db.outgoingMail.findFirstOrThrow({
      where: { id: queued.id },
      include: { attachments: true },
    });
    expect(row).toMatchObject({
      tenantId: tenant.id,
      cc: ["Prof@example.org"],
      recipientCount: 2,
      source: "portal",
    });
    expect(row.nextAttemptAt.getTime()).toBe(sendAt.getTime());
    expect(Buffer.from(row.attachments[0]!.content).toString()).toBe("%PDF");
  });

  it("refuses a line break in every header-bound field, and nothing is queued", async () => {
    const { sender, gmail } = await setup();
    const attempts = [
      [{ subject: "Hello\r\nBcc: victim@example.org" }, "subject"],
      [{ to: ["a@example.org\r\nBcc: victim@example.org"] }, "to"],
      [{ cc: ["a@example.org\nX: y"] }, "cc"],
      [{ bcc: ["a@example.org\rX: y"] }, "bcc"],
      [
        {
          attachments: [{ filename: "a\r\nX: y.txt", contentType: "text/plain", content: Buffer.from("x") }],
        },
        "attachments",
      ],
    ] satisfies [Partial<MailDraft>, string][];
    for (const [change, field] of attempts) {
      const errors = await refusal(
        queueMail(sender, { mailbox: { mailboxId: gmail.id }, draft: draft(change) }),
      );
      expect(errors[field]).toBe("outbox.errors.headerInjection");
    }
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { mailboxId: gmail.id } })).toBe(0);
  });

  it("refuses bad addresses, display-name tricks, no recipient, no body and long subjects", async () => {
    const { sender, gmail } = await setup();
    const mailbox = { mailboxId: gmail.id };
    expect((await refusal(queueMail(sender, { mailbox, draft: draft({ to: ["not an address"] }) }))).to).toBe(
      "outbox.errors.invalidAddress",
    );
    expect(
      (await refusal(queueMail(sender, { mailbox, draft: draft({ to: ['"Boss" <boss@example.org>'] }) }))).to,
    ).toBe("outbox.errors.invalidAddress");
    expect((await refusal(queueMail(sender, { mailbox, draft: draft({ to: [] }) }))).to).toBe(
      "outbox.errors.noRecipient",
    );
    expect((await refusal(queueMail(sender, { mailbox, draft: draft({ text: "", html: " " }) }))).body).toBe(
      "outbox.errors.noBody",
    );
    expect(
      (await refusal(queueMail(sender, { mailbox, draft: draft({ subject: "x".repeat(999) }) }))).subject,
    ).toBe("outbox.errors.subjectTooLong");
  });

  it("caps recipients per provider: Google 100, Microsoft 500", async () => {
    const { sender, gmail, outlook } = await setup();
    const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.org`);
    expect(
      (
        await refusal(
          queueMail(sender, {
            mailbox: { mailboxId: gmail.id },
            draft: draft({ to: many(60), bcc: many(101).slice(60) }),
          }),
        )
      ).to,
    ).toBe("outbox.errors.tooManyRecipients");
    const ok = await queueMail(sender, {
      mailbox: { mailboxId: outlook.id },
      draft: draft({ to: many(101) }),
    });
    expect(ok.status).toBe("queued");
    expect(
      (
        await refusal(
          queueMail(sender, { mailbox: { mailboxId: outlook.id }, draft: draft({ to: many(501) }) }),
        )
      ).to,
    ).toBe("outbox.errors.tooManyRecipients");
  });

  it("refuses an attachment or a message over the size limits", async () => {
    const { sender, gmail } = await setup();
    const big = (bytes: number) => ({
      filename: "big.bin",
      contentType: "application/octet-stream",
      content: Buffer.alloc(bytes),
    });
    const mailbox = { mailboxId: gmail.id };
    expect(
      (
        await refusal(
          queueMail(sender, { mailbox, draft: draft({ attachments: [big(5 * 1024 * 1024 + 1)] }) }),
        )
      ).attachments,
    ).toBe("outbox.errors.attachmentTooLarge");
    const three = [big(4 * 1024 * 1024), big(4 * 1024 * 1024), big(3 * 1024 * 1024)];
    expect(
      (await refusal(queueMail(sender, { mailbox, draft: draft({ attachments: three }) }))).attachments,
    ).toBe("outbox.errors.messageTooLarge");
  });

  it("gives back the first mail for the same idempotency key, never a second row", async () => {
    const { sender, gmail } = await setup();
    const input = { mailbox: { mailboxId: gmail.id }, draft: draft(), idempotencyKey: "report-42" };
    const [first, second] = await Promise.all([queueMail(sender, input), queueMail(sender, input)]);
    const third = await queueMail(sender, input);
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect(third.created).toBe(false);
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { mailboxId: gmail.id } })).toBe(1);
  });

  it("holds mail for a mailbox that is not connected, and refuses it for a revoked one", async () => {
    const { sender, google, tenant } = await setup();
    for (const state of ["needs_reconnect", "pending", "insufficient_scope", "config_error"] as const) {
      const mailbox = await seedMailboxInState(
        { id: google.id, tenantId: tenant.id },
        `${state.replace("_", "")}@lycee.test`,
        state,
      );
      const queued = await queueMail(sender, { mailbox: { mailboxId: mailbox.id }, draft: draft() });
      expect(queued.status).toBe("held");
    }
    const revoked = await seedMailboxInState(
      { id: google.id, tenantId: tenant.id },
      "gone@lycee.test",
      "revoked",
    );
    expect(
      (await refusal(queueMail(sender, { mailbox: { mailboxId: revoked.id }, draft: draft() }))).mailboxId,
    ).toBe("outbox.errors.mailboxRevoked");
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { mailboxId: revoked.id } })).toBe(0);
  });

  it("lets a member send only from the mailboxes assigned to them", async () => {
    const { member, tenant, gmail, outlook } = await setup();
    const db = await getDb();
    await db.mailboxAssignment.create({
      data: { tenantId: tenant.id, mailboxId: gmail.id, userId: member.id },
    });
    const ctx = await contextFor(member, tenant, "outbox.write");
    const sender = { kind: "person" as const, ctx };
    expect((await queueMail(sender, { mailbox: { mailboxId: gmail.id }, draft: draft() })).status).toBe(
      "queued",
    );
    await expect(
      queueMail(sender, { mailbox: { mailboxId: outlook.id }, draft: draft() }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
