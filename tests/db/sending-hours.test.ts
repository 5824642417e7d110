import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { queueMail } from "@/lib/outbox/queue-mail";
import { pruneSendingHours } from "@/lib/worker/prune-sending-hours";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { draft, seedConnectedMailbox, seedFakeConfiguration, startOutboxFakes } from "./outbox-fixtures";

useTestDatabase();

let fakes: FakeProvidersHandle;
beforeAll(async () => {
  fakes = await startOutboxFakes();
});
afterAll(async () => {
  await fakes.close();
});

type Count = { mailboxId: string; hour: string; messages: number; recipients: number };

/** The per-hour counts the triggers kept, without the ones that went back to zero. */
async function kept(): Promise<Count[]> {
  const db = await getDb();
  return db.$queryRaw<Count[]>`
    SELECT "mailboxId"::text AS "mailboxId", to_char(hour, 'YYYY-MM-DD HH24') AS hour, messages, recipients
      FROM "MailboxSendingHour"
     WHERE messages <> 0 OR recipients <> 0
     ORDER BY 1, 2`;
}

/** The same counts, from the mails themselves: those holding a slot (sent or sending, sentAt set). */
async function fromMails(): Promise<Count[]> {
  const db = await getDb();
  return db.$queryRaw<Count[]>`
    SELECT "mailboxId"::text AS "mailboxId", to_char(date_trunc('hour', "sentAt"), 'YYYY-MM-DD HH24') AS hour,
           count(*)::int AS messages, sum("recipientCount")::int AS recipients
      FROM "OutgoingMail"
     WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL
     GROUP BY 1, 2
     ORDER BY 1, 2`;
}

const HOUR = 3_600_000;

describe("the per-hour sending counts", () => {
  it("follow the mails holding a slot through every insert, update and delete", async () => {
    const people = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
    const first = await seedConnectedMailbox(fakes, config, `hours-a-${Date.now()}@lycee.test`);
    const second = await seedConnectedMailbox(fakes, config, `hours-b-${Date.now()}@lycee.test`);
    const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
    const queue = async (mailboxId: string, to: string[]) =>
      (await queueMail({ kind: "person", ctx }, { mailbox: { mailboxId }, draft: draft({ to }) })).id;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        await queue(
          i % 2 ? second.id : first.id,
          i < 3 ? ["a@example.org"] : ["a@example.org", "b@example.org"],
        ),
      );
    }
    const db = await getDb();
    const before = await kept();
    const now = Date.now();

    // Slots taken in one statement, across both mailboxes and two hours.
    await db.outgoingMail.updateMany({
      where: { id: { in: ids.slice(0, 4) } },
      data: { status: "sending", sentAt: new Date(now) },
    });
    await db.outgoingMail.updateMany({
      where: { id: { in: ids.slice(4) } },
      data: { status: "sending", sentAt: new Date(now - 2 * HOUR) },
    });
    expect(await kept()).toEqual(await fromMails());
    expect((await kept()).length).toBeGreaterThan(before.length);

    // Sent: in the same hour nothing moves; sent an hour later, the mail moves to that hour.
    await db.outgoingMail.update({ where: { id: ids[0] }, data: { status: "sent" } });
    await db.outgoingMail.update({
      where: { id: ids[4] },
      data: { status: "sent", sentAt: new Date(now - HOUR) },
    });
    // A send that did not happen gives its slot back; a failed mail holds none.
    await db.outgoingMail.update({ where: { id: ids[1] }, data: { status: "queued", sentAt: null } });
    await db.outgoingMail.update({ where: { id: ids[2] }, data: { status: "failed" } });
    // More recipients on a mail holding a slot (as a test seed may write).
    await db.outgoingMail.update({
      where: { id: ids[3] },
      data: { to: ["a@example.org", "b@example.org", "c@example.org"], recipientCount: 3 },
    });
    expect(await kept()).toEqual(await fromMails());

    // A mail inserted already sent (an import, a seed) counts too; deleting mails takes them out.
    await db.outgoingMail.create({
      data: {
        tenantId: people.tenant.id,
        mailboxId: first.id,
        messageId: `<hours-${now}@relais.test>`,
        source: "portal",
        to: ["a@example.org"],
        subject: "Imported",
        sizeBytes: 100,
        recipientCount: 1,
        status: "sent",
        sentAt: new Date(now - 3 * HOUR),
      },
    });
    await db.outgoingMail.delete({ where: { id: ids[5] } });
    expect(await kept()).toEqual(await fromMails());

    // Deleting a mailbox deletes its mails (cascade): its counts go back to zero.
    await db.mailbox.delete({ where: { id: second.id } });
    expect((await kept()).filter((c) => c.mailboxId === second.id)).toEqual([]);
    expect(await kept()).toEqual(await fromMails());
  });

  it("are deleted once the day window no longer reads their hour", async () => {
    const people = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
    const mailbox = await seedConnectedMailbox(fakes, config, `hours-prune-${Date.now()}@lycee.test`);
    const db = await getDb();
    const now = new Date("2026-11-28T12:30:00Z");
    const hour = (hoursAgo: number) => new Date(Date.UTC(2026, 10, 28, 12 - hoursAgo));
    await db.mailboxSendingHour.createMany({
      data: [0, 23, 24, 25, 27, 48].map((hoursAgo) => ({
        tenantId: people.tenant.id,
        mailboxId: mailbox.id,
        hour: hour(hoursAgo),
        messages: 1,
        recipients: 1,
      })),
    });
    expect(await pruneSendingHours(now)).toBe(2);
    const left = await db.mailboxSendingHour.findMany({
      where: { mailboxId: mailbox.id },
      orderBy: { hour: "desc" },
    });
    expect(left.map((h) => h.hour.toISOString())).toEqual([0, 23, 24, 25].map((h) => hour(h).toISOString()));
  });
});
