import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { queueMail } from "@/lib/outbox/queue-mail";
import { claimDueMail } from "@/lib/worker/claim-due-mail";
import { settleMail } from "@/lib/worker/settle-mail";
import { wakeWaitingMail } from "@/lib/worker/wake-waiting-mail";
import type { MailTransport } from "@/lib/transports/mail-transports";
import { drainOutbox } from "../support/drain-outbox";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { draft, seedConnectedMailbox, seedFakeConfiguration, type Provider } from "./outbox-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();
const fakes = useOutboxFakes();

let counter = 0;

async function setup(provider: Provider, transport: MailTransport, options: { delegate?: string } = {}) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, provider, {}, { transport });
  const domain = provider === "google" ? "lycee.test" : "college.test";
  const address = options.delegate
    ? `secretariat${++counter}-${people.tenant.slug}@${domain}`
    : `api${++counter}-${people.tenant.slug}@${domain}`;
  const mailbox = await seedConnectedMailbox(fakes, config, address, { delegate: options.delegate });
  const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
  const queue = (overrides = {}, mailboxId = mailbox.id) =>
    queueMail({ kind: "person", ctx }, { mailbox: { mailboxId }, draft: draft(overrides) });
  return { ...people, config, mailbox, ctx, queue };
}

/** The real worker runs until nothing is due: the statuses the due mails ended in. */
const round = () => drainOutbox({ workerId: "transport-worker" });

async function mailRow(id: string) {
  const db = await getDb();
  return db.outgoingMail.findUniqueOrThrow({
    where: { id },
    include: { attemptLog: { orderBy: { id: "asc" } } },
  });
}

async function mailboxRow(id: string) {
  const db = await getDb();
  return db.mailbox.findUniqueOrThrow({ where: { id } });
}

const arrived = (messageId: string) =>
  fakes.control.messages().filter((m) => m.raw.includes(`Message-ID: ${messageId}`));

describe("Microsoft Graph sendMail", () => {
  it("posts the same MIME message, Message-ID included, and records the 202", async () => {
    const { mailbox, queue } = await setup("microsoft", "graph");
    const queued = await queue({
      subject: "Conseil de classe",
      bcc: ["archives@example.org"],
      attachments: [
        { filename: "ordre-du-jour.txt", contentType: "text/plain", content: Buffer.from("1. Notes") },
      ],
    });
    expect(await round()).toEqual(["sent"]);
    const row = await mailRow(queued.id);
    expect(row.status).toBe("sent");
    expect(row.smtpResponse).toMatch(/^202 Accepted/);
    expect(row.attemptLog.map((a) => [a.outcome, a.smtpCode])).toEqual([["sent", 202]]);
    const [message] = arrived(row.messageId);
    expect(message).toMatchObject({ transport: "graph", auth: mailbox.address });
    expect(message!.to).toEqual(expect.arrayContaining(["parent@example.org", "archives@example.org"]));
    expect(message!.raw).toContain("ordre-du-jour.txt");
    expect(message!.raw).not.toMatch(/^Bcc:/im);
  });

  it("posts a mail queued without attachments as it was built then, its Bcc written back and dated when sent", async () => {
    const { mailbox, queue } = await setup("microsoft", "graph");
    const queued = await queue({ subject: "Sortie scolaire", bcc: ["archives@example.org"] });
    const kept = await mailRow(queued.id);
    expect(Buffer.from(kept.raw!).toString("utf8")).not.toMatch(/^Bcc:/im);
    const sendingFrom = Math.floor(Date.now() / 1000) * 1000;
    expect(await round()).toEqual(["sent"]);
    const [message] = arrived(queued.messageId);
    expect(message).toMatchObject({ transport: "graph", auth: mailbox.address });
    expect(message!.to).toEqual(expect.arrayContaining(["parent@example.org", "archives@example.org"]));
    expect(message!.raw).toContain("Subject: Sortie scolaire");
    expect(message!.raw).toMatch(new RegExp(`^From: <${mailbox.address}>\\r$`, "m"));
    const dates = [...message!.raw.matchAll(/^Date: (.+)\r$/gm)].map((match) => match[1]!);
    expect(dates).toHaveLength(1);
    expect(Date.parse(dates[0]!)).toBeGreaterThanOrEqual(sendingFrom);
    expect(message!.raw.match(/^From:/gim)).toHaveLength(1);
  });

  it("waits for Retry-After on that mailbox only, without counting an attempt", async () => {
    const first = await setup("microsoft", "graph");
    const other = await setup("microsoft", "graph");
    fakes.control.throttleNext(first.mailbox.address, { status: 429, retryAfterSeconds: 30 });
    const throttled = await first.queue({ subject: "Throttled" });
    const flowing = await other.queue({ subject: "Flows" });
    const before = Date.now();
    expect(await round()).toEqual(["queued", "sent"]);

    const row = await mailRow(throttled.id);
    expect(row).toMatchObject({ status: "queued", attempts: 0 });
    expect(row.lastError).toMatch(/^throttled: 429/);
    expect(row.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(29_000);
    expect(row.attemptLog.map((a) => [a.outcome, a.smtpCode])).toEqual([["temporary", 429]]);
    const box = await mailboxRow(first.mailbox.id);
    expect(box.pausedUntil!.getTime() - before).toBeGreaterThanOrEqual(29_000);
    expect((await mailRow(flowing.id)).status).toBe("sent");
  });

  it("refreshes once when the token is refused with a 401, and sends", async () => {
    const { mailbox, queue } = await setup("microsoft", "graph");
    fakes.control.revokeAccessTokens(mailbox.address);
    const queued = await queue();
    expect(await round()).toEqual(["sent"]);
    const row = await mailRow(queued.id);
    expect(row.status).toBe("sent");
    expect((await mailboxRow(mailbox.id)).lastRefreshAt).not.toBeNull();
    expect(arrived(row.messageId)).toHaveLength(1);
  });

  it("holds the mail with the fix when Send As is denied, and pauses the mailbox on a quota answer", async () => {
    const shared = await setup("microsoft", "graph", { delegate: `delegate${++counter}@college.test` });
    const denied = await shared.queue({ subject: "Refused sender" });
    expect(await round()).toEqual(["held"]);
    expect((await mailRow(denied.id)).lastError).toMatch(/^send_as_denied: 403 ErrorSendAsDenied/);
    expect(await mailboxRow(shared.mailbox.id)).toMatchObject({
      state: "config_error",
      lastErrorCode: "send_as_denied",
    });

    const quota = await setup("microsoft", "graph");
    fakes.control.quotaNext(quota.mailbox.address);
    const paused = await quota.queue();
    expect(await round()).toEqual(["held"]);
    expect((await mailRow(paused.id)).lastError).toMatch(/^quota: /);
    expect((await mailboxRow(quota.mailbox.id)).pausedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("fails a mail the API refuses for good, with the provider's words", async () => {
    const { mailbox, queue } = await setup("microsoft", "graph");
    fakes.control.failNextApi(mailbox.address, {
      status: 400,
      body: { error: { code: "ErrorInvalidRecipients", message: "At least one recipient is not valid." } },
    });
    const queued = await queue();
    expect(await round()).toEqual(["failed"]);
    expect((await mailRow(queued.id)).lastError).toBe(
      "400 ErrorInvalidRecipients: At least one recipient is not valid.",
    );
  });

  it("sends as a shared mailbox through its delegate's grant", async () => {
    const delegate = `jean${++counter}@college.test`;
    const { mailbox, queue } = await setup("microsoft", "graph", { delegate });
    fakes.control.grantSendAs(delegate, mailbox.address);
    const queued = await queue({ subject: "Vie scolaire" });
    expect(await round()).toEqual(["sent"]);
    const [message] = arrived((await mailRow(queued.id)).messageId);
    expect(message).toMatchObject({ transport: "graph", auth: delegate, from: mailbox.address });
    expect(message!.raw).toMatch(new RegExp(`^From: .*${mailbox.address}`, "im"));
  });

  it("holds a shared mailbox's mail when its delegate's grant dies, until a delegate connects again", async () => {
    const delegate = `leaving${++counter}@college.test`;
    const { mailbox, queue } = await setup("microsoft", "graph", { delegate });
    fakes.control.grantSendAs(delegate, mailbox.address);
    // The delegate left: their grant is revoked and their access token no longer works.
    fakes.control.revokeGrant(delegate);
    fakes.control.revokeAccessTokens(delegate);
    const queued = await queue();
    expect(await round()).toEqual(["held"]);
    expect((await mailRow(queued.id)).lastError).toMatch(/^mailbox_needs_reconnect/);
    expect(await mailboxRow(mailbox.id)).toMatchObject({
      state: "needs_reconnect",
      delegateAccount: delegate,
    });
    expect(arrived((await mailRow(queued.id)).messageId)).toEqual([]);
  });

  it("keeps at most 4 requests per mailbox in flight across two workers", async () => {
    const { mailbox, queue } = await setup("microsoft", "graph");
    fakes.control.setApiDelay(250);
    try {
      const ids = [];
      // More than one worker's lease-ahead depth (16), within the mailbox's 30 a minute.
      for (let i = 0; i < 28; i++) ids.push((await queue({ subject: `Bulletin ${i}` })).id);
      await drainOutbox({ workers: 2, workerId: "graph" });
      const db = await getDb();
      expect(await db.outgoingMail.count({ where: { id: { in: ids }, status: "sent" } })).toBe(28);
      expect(fakes.control.peakApiConcurrency(mailbox.address)).toBeLessThanOrEqual(4);
      expect(fakes.control.peakApiConcurrency(mailbox.address)).toBeGreaterThan(1);
    } finally {
      fakes.control.setApiDelay(0);
    }
  }, 60_000);

  it("puts mail over the 4 requests back in line, and takes it in order as sends end", async () => {
    const { mailbox, queue } = await setup("microsoft", "graph");
    const db = await getDb();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await queue({ subject: `Ligne ${i}` })).id);
    const workerId = "line-worker";
    try {
      const first = await claimDueMail({ workerId, limit: 50, leaseMs: 60_000 });
      const ready = first.filter((c) => c.state.kind === "ready").map((c) => c.id);
      expect(ready).toEqual(ids.slice(0, 4));
      // The other four wait for a slot: marked for the pull, not due again before a worker stops.
      const line = await db.outgoingMail.findMany({
        where: { id: { in: ids.slice(4) } },
        orderBy: { nextAttemptAt: "asc" },
      });
      expect(line.map((m) => m.id)).toEqual(ids.slice(4));
      for (const m of line) {
        expect(m).toMatchObject({ status: "queued", lastError: "api_concurrency", attempts: 0 });
        expect(m.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
      }
      // One send ends: a new mail, due at once, does not overtake the line even though a slot is free.
      await settleMail(ready[0]!, workerId, { status: "sent", lastError: null, smtpResponse: "202" }, null);
      const late = await queue({ subject: "Tardif" });
      const unpulled = await claimDueMail({ workerId, limit: 50, leaseMs: 60_000 });
      expect(unpulled.map((c) => [c.id, c.state.kind])).toEqual([[late.id, "waiting"]]);
      // The worker whose send ended pulls the line's first mail into the free slot.
      const pulled = await claimDueMail({
        workerId,
        limit: 50,
        leaseMs: 60_000,
        pull: [{ mailboxId: mailbox.id, count: 1 }],
      });
      expect(pulled.map((c) => [c.id, c.state.kind])).toEqual([[ids[4], "ready"]]);
      // A stopping worker hands its freed slots to the line: that many of its mails come due now.
      await settleMail(ids[4]!, workerId, { status: "sent", lastError: null, smtpResponse: "202" }, null);
      expect(await wakeWaitingMail([{ mailboxId: mailbox.id, count: 2 }])).toBe(2);
      const due = await db.outgoingMail.findMany({
        where: { mailboxId: mailbox.id, status: "queued", nextAttemptAt: { lte: new Date() } },
      });
      expect(due.map((m) => m.id).sort()).toEqual(ids.slice(5, 7).sort());
    } finally {
      // Nothing of this mailbox is left for the other tests' rounds.
      await db.outgoingMail.updateMany({
        where: { mailboxId: mailbox.id, status: { in: ["queued", "sending"] } },
        data: { status: "cancelled", leaseOwner: null, leaseExpiresAt: null },
      });
    }
  });

  it("lets a gated worker lease ahead while it alone holds the mailbox, and no more than 4 once shared", async () => {
    const { mailbox, queue } = await setup("microsoft", "graph");
    const db = await getDb();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await queue({ subject: `Avance ${i}` })).id);
    const claim = (workerId: string, count = 0) =>
      claimDueMail({
        workerId,
        limit: 50,
        leaseMs: 60_000,
        gated: true,
        pull: count > 0 ? [{ mailboxId: mailbox.id, count }] : [],
      });
    const readyIds = (claimed: Awaited<ReturnType<typeof claim>>) =>
      claimed.filter((c) => c.state.kind === "ready").map((c) => c.id);
    const sent = (id: string, workerId: string) =>
      settleMail(id, workerId, { status: "sent", lastError: null, smtpResponse: "202" }, null);
    try {
      // Alone: four requests' worth of leases, in order; the rest waits in line.
      const first = await claim("ahead-a");
      expect(readyIds(first)).toEqual(ids.slice(0, 16));
      // Another worker gets none of them while the first holds more than 4.
      expect(readyIds(await claim("ahead-b", 4))).toEqual([]);
      // The first down to 3 leases: the other may add one; from then on, 4 between them.
      for (const id of ids.slice(0, 13)) await sent(id, "ahead-a");
      expect(readyIds(await claim("ahead-b", 4))).toEqual([ids[16]]);
      expect(readyIds(await claim("ahead-a", 4))).toEqual([]);
      const leased = await db.outgoingMail.groupBy({
        by: ["leaseOwner"],
        where: { mailboxId: mailbox.id, status: "sending" },
        _count: true,
      });
      expect(Object.fromEntries(leased.map((row) => [row.leaseOwner, row._count]))).toEqual({
        "ahead-a": 3,
        "ahead-b": 1,
      });
      // The other's lease settled: the first is alone again and leases ahead again.
      await sent(ids[16]!, "ahead-b");
      expect(readyIds(await claim("ahead-a", 16))).toEqual(ids.slice(17, 20));
      // An ungated claim (a caller that sends all it claims at once) never leases beyond 4.
      await db.outgoingMail.updateMany({
        where: { id: { in: ids.slice(13) } },
        data: { status: "sent", leaseOwner: null, leaseExpiresAt: null },
      });
      const more: string[] = [];
      for (let i = 0; i < 6; i++) more.push((await queue({ subject: `Sans porte ${i}` })).id);
      const ungated = await claimDueMail({ workerId: "ahead-c", limit: 50, leaseMs: 60_000 });
      expect(readyIds(ungated)).toEqual(more.slice(0, 4));
    } finally {
      await db.outgoingMail.updateMany({
        where: { mailboxId: mailbox.id, status: { in: ["queued", "sending"] } },
        data: { status: "cancelled", leaseOwner: null, leaseExpiresAt: null },
      });
    }
  });
});

describe("the Gmail API messages.send", () => {
  it("posts the message as raw and records the message's id", async () => {
    const { mailbox, queue } = await setup("google", "gmail_api");
    const queued = await queue({ subject: "Sortie scolaire" });
    expect(await round()).toEqual(["sent"]);
    const row = await mailRow(queued.id);
    const [message] = arrived(row.messageId);
    expect(message).toMatchObject({ transport: "gmail_api", auth: mailbox.address });
    expect(row.smtpResponse).toBe(`200 OK id=${message!.apiMessageId}`);
  });

  it("waits on a 429 and fails other refusals with the provider's message", async () => {
    const { mailbox, queue } = await setup("google", "gmail_api");
    fakes.control.throttleNext(mailbox.address, { status: 429, retryAfterSeconds: 5 });
    const throttled = await queue();
    expect(await round()).toEqual(["queued"]);
    expect((await mailRow(throttled.id)).lastError).toMatch(/^throttled: 429/);

    const other = await setup("google", "gmail_api");
    fakes.control.quotaNext(other.mailbox.address);
    const paused = await other.queue();
    expect(await round()).toEqual(["held"]);
    expect((await mailRow(paused.id)).lastError).toMatch(/^quota: 403 dailyLimitExceeded/);
  });
});

describe("a shared address sent as through Gmail", () => {
  it("sends as a verified alias, and holds the mail rather than let Gmail rewrite the sender", async () => {
    const delegate = `claire${++counter}@lycee.test`;
    const shared = await setup("google", "gmail_api", { delegate });
    const refused = await shared.queue({ subject: "Not an alias yet" });
    expect(await round()).toEqual(["held"]);
    expect((await mailRow(refused.id)).lastError).toMatch(/^send_as_denied: 403 aliasNotVerified/);
    expect(arrived((await mailRow(refused.id)).messageId)).toEqual([]);
    expect(await mailboxRow(shared.mailbox.id)).toMatchObject({
      state: "config_error",
      lastErrorCode: "send_as_denied",
    });

    const other = `luc${++counter}@lycee.test`;
    const aliased = await setup("google", "gmail_api", { delegate: other });
    fakes.control.grantSendAs(other, aliased.mailbox.address);
    const queued = await aliased.queue({ subject: "Alias" });
    expect(await round()).toEqual(["sent"]);
    const [message] = arrived((await mailRow(queued.id)).messageId);
    expect(message).toMatchObject({ transport: "gmail_api", auth: other });
    expect(message!.raw).toMatch(new RegExp(`^From: .*${aliased.mailbox.address}`, "im"));
    expect(message!.rewrittenFrom).toBeFalsy();
  });

  it("checks the alias over Google's SMTP too", async () => {
    const delegate = `nina${++counter}@lycee.test`;
    const { mailbox, queue } = await setup("google", "smtp", { delegate });
    fakes.control.grantSendAs(delegate, mailbox.address);
    const queued = await queue();
    expect(await round()).toEqual(["sent"]);
    const [message] = arrived((await mailRow(queued.id)).messageId);
    expect(message).toMatchObject({ transport: "smtp", auth: delegate, from: mailbox.address });
  });
});

describe("shared mailboxes over SMTP", () => {
  it("authenticates as the delegate and sends from the shared address when Send As is granted", async () => {
    const delegate = `marie${++counter}@college.test`;
    const { mailbox, queue } = await setup("microsoft", "smtp", { delegate });
    fakes.control.grantSendAs(delegate, mailbox.address);
    const queued = await queue({ subject: "Secrétariat" });
    expect(await round()).toEqual(["sent"]);
    const [message] = arrived((await mailRow(queued.id)).messageId);
    expect(message).toMatchObject({ transport: "smtp", auth: delegate, from: mailbox.address });
  });

  it("holds the mail with the fix when the delegate may not send as the shared address", async () => {
    const delegate = `paul${++counter}@college.test`;
    const { mailbox, queue } = await setup("microsoft", "smtp", { delegate });
    const queued = await queue();
    expect(await round()).toEqual(["held"]);
    expect((await mailRow(queued.id)).lastError).toMatch(/^send_as_denied: 550 5\.7\.60/);
    expect(await mailboxRow(mailbox.id)).toMatchObject({
      state: "config_error",
      lastErrorCode: "send_as_denied",
    });
  });
});

describe("isolation", () => {
  it("sends each school's mail through its own configuration's transport", async () => {
    const a = await setup("microsoft", "graph");
    const b = await setup("microsoft", "smtp");
    const fromA = await a.queue();
    const fromB = await b.queue();
    expect(await round()).toEqual(["sent", "sent"]);
    expect(arrived((await mailRow(fromA.id)).messageId)).toEqual([
      expect.objectContaining({ transport: "graph", auth: a.mailbox.address }),
    ]);
    expect(arrived((await mailRow(fromB.id)).messageId)).toEqual([
      expect.objectContaining({ transport: "smtp", auth: b.mailbox.address }),
    ]);
  });
});
