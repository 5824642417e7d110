import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { storeConnectionTokens } from "@/lib/oauth-flow/store-connection-tokens";
import { issuedToNow } from "../support/issued-to";
import { parseTokenResponse } from "@/lib/tokens/token-response";
import { queueMail } from "@/lib/outbox/queue-mail";
import { claimDueMail } from "@/lib/worker/claim-due-mail";
import { releaseHeldMail } from "@/lib/outbox/release-held-mail";
import { cancelMailOfRevokedMailbox } from "@/lib/outbox/cancel-mail-of-revoked-mailbox";
import { settleMail } from "@/lib/worker/settle-mail";
import { drainOutbox } from "../support/drain-outbox";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { connectMailbox } from "../unit/fakes/connect-mailbox";
import {
  draft,
  GOOGLE_CLIENT,
  seedConnectedMailbox,
  seedFakeConfiguration,
  startOutboxFakes,
  type Provider,
} from "./outbox-fixtures";

useTestDatabase();

let fakes: FakeProvidersHandle;
beforeAll(async () => {
  fakes = await startOutboxFakes();
});
afterAll(async () => {
  await fakes.close();
});

let counter = 0;
async function setup(provider: Provider, limits = {}) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, provider, limits);
  const domain = provider === "google" ? "lycee.test" : "college.test";
  const mailbox = await seedConnectedMailbox(fakes, config, `box${++counter}-${Date.now()}@${domain}`);
  const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
  const queue = (overrides = {}) =>
    queueMail({ kind: "person", ctx }, { mailbox: { mailboxId: mailbox.id }, draft: draft(overrides) });
  return { ...people, config, mailbox, queue };
}

/** The real worker runs until nothing is due: the statuses the due mails ended in. */
const round = () => drainOutbox();

async function mailRow(id: string) {
  const db = await getDb();
  return db.outgoingMail.findUniqueOrThrow({
    where: { id },
    include: { attemptLog: { orderBy: { id: "asc" } } },
  });
}

const atFake = (messageId: string) =>
  fakes.control.messages().filter((m) => m.raw.includes(`Message-ID: ${messageId}`));

async function makeDue(id: string) {
  const db = await getDb();
  await db.outgoingMail.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}

describe("sending a queued mail", () => {
  it("records the recipients refused at RCPT while the others get the mail, and the API and page data show them", async () => {
    const { mailbox, queue, admin, tenant } = await setup("google");
    fakes.control.refuseRecipient("ancien.eleve@lycee.test");
    try {
      const queued = await queue({
        to: ["parent@example.org", "ancien.eleve@lycee.test"],
        cc: ["cpe@example.org"],
      });
      expect(await round()).toEqual(["sent"]);
      const row = await mailRow(queued.id);
      expect(row.status).toBe("sent");
      expect(row.refusedRecipients).toEqual([
        { address: "ancien.eleve@lycee.test", response: expect.stringContaining("550 5.1.1") },
      ]);
      const [delivered] = atFake(row.messageId);
      expect(delivered?.to.sort()).toEqual(["cpe@example.org", "parent@example.org"]);
      expect(delivered?.from).toBe(mailbox.address);
      const { getOutgoingMail } = await import("@/lib/outbox/get-outgoing-mail");
      const { mailJson } = await import("@/lib/api/mail-json");
      const ctx = await contextFor(admin, tenant, "outbox.write");
      const details = await getOutgoingMail({ kind: "person", ctx }, queued.id);
      expect(mailJson(details).refusedRecipients).toEqual([
        { address: "ancien.eleve@lycee.test", response: expect.stringContaining("does not exist") },
      ]);
      // Every recipient accepted: none recorded.
      const whole = await queue({ to: ["parent@example.org"] });
      await round();
      expect((await mailRow(whole.id)).refusedRecipients).toBeNull();
    } finally {
      fakes.control.refuseRecipient("ancien.eleve@lycee.test", null);
    }
  });

  it("delivers it over SMTP XOAUTH2 with its Message-ID and records the server's answer", async () => {
    const { mailbox, queue } = await setup("google");
    const queued = await queue({
      subject: "Bulletin du trimestre",
      attachments: [
        {
          filename: "bulletin.pdf",
          contentType: "application/pdf",
          content: Buffer.from("%PDF-1.7 bulletin"),
        },
      ],
      to: ["parent@example.org"],
      bcc: ["archive@example.org"],
    });
    expect(await round()).toEqual(["sent"]);
    const [message] = atFake(queued.messageId);
    expect(message).toMatchObject({
      from: mailbox.address,
      to: ["parent@example.org", "archive@example.org"],
    });
    expect(message!.raw).toContain("Subject: Bulletin du trimestre");
    expect(message!.raw).not.toMatch(/^Bcc:/im);
    expect(message!.raw).toMatch(/filename="?bulletin\.pdf/);
    expect(message!.raw).toContain(Buffer.from("%PDF-1.7 bulletin").toString("base64"));
    const row = await mailRow(queued.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, leaseOwner: null });
    expect(row.smtpResponse).toMatch(/^250/);
    expect(row.attemptLog.map((a) => a.outcome)).toEqual(["sent"]);
    const db = await getDb();
    const used = await db.mailbox.findUniqueOrThrow({
      where: { id: mailbox.id },
      select: { lastUsedAt: true },
    });
    expect(used.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime() - 1000);
  });

  it("puts it back in the queue with backoff on a temporary answer, then sends it", async () => {
    const { mailbox, queue } = await setup("google");
    const queued = await queue();
    fakes.control.failNext(mailbox.address, "451 4.3.0 Temporary failure");
    expect(await round()).toEqual(["queued"]);
    const waiting = await mailRow(queued.id);
    expect(waiting.status).toBe("queued");
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect(waiting.lastError).toContain("451");
    expect(await round()).toEqual([]);
    await makeDue(queued.id);
    expect(await round()).toEqual(["sent"]);
    const row = await mailRow(queued.id);
    expect(row.attempts).toBe(2);
    expect(row.attemptLog.map((a) => [a.outcome, a.smtpCode])).toEqual([
      ["temporary", 451],
      ["sent", 250],
    ]);
    expect(atFake(queued.messageId)).toHaveLength(1);
  });

  it("sends a mail without attachments as it was built when queued: Bcc in the envelope only, dated when sent", async () => {
    const { mailbox, queue } = await setup("google");
    const db = await getDb();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { displayName: "Vie scolaire" } });
    const queuedAt = Date.now();
    const queued = await queue({
      subject: "Absence signalée",
      text: "Bonjour,\n\nVotre enfant était absent ce matin.",
      bcc: ["archive@example.org"],
    });
    const kept = Buffer.from((await mailRow(queued.id)).raw!).toString("utf8");
    expect(kept).toContain(`Message-ID: ${queued.messageId}\r\n`);
    expect(kept).toContain("Subject: =?UTF-8?Q?Absence_signal=C3=A9e?=");
    expect(kept).not.toMatch(/^Bcc:/im);
    expect(kept).not.toContain("archive@example.org");

    await db.mailbox.update({ where: { id: mailbox.id }, data: { displayName: "Secrétariat" } });
    // Held longer than a second, then refused once: the message that goes out is the kept one, dated then.
    fakes.control.failNext(mailbox.address, "451 4.3.0 Temporary failure");
    expect(await round()).toEqual(["queued"]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await makeDue(queued.id);
    const sendingFrom = Date.now();
    expect(await round()).toEqual(["sent"]);
    const [message] = atFake(queued.messageId);
    expect(message!.to).toEqual(["parent@example.org", "archive@example.org"]);
    const date = /^Date: (.+)\r$/m.exec(message!.raw)?.[1];
    expect(Date.parse(date!)).toBeGreaterThanOrEqual(Math.floor(sendingFrom / 1000) * 1000);
    expect(Date.parse(date!)).toBeGreaterThan(queuedAt);
    // The name it was queued with, though renamed since.
    expect(message!.raw).toMatch(new RegExp(`^From: "Vie scolaire" <${mailbox.address}>\\r$`, "m"));
    expect(message!.raw.match(/^(From|Date):/gim)).toHaveLength(2);
    const withoutSenderAndDate = (raw: string) => raw.replace(/^(Date|From): .+\r\n/gm, "");
    expect(withoutSenderAndDate(message!.raw)).toBe(withoutSenderAndDate(kept));
  });

  it("reads a kept message too big to come with the claim when it sends it", async () => {
    const { queue } = await setup("microsoft");
    const text = "Compte rendu du conseil d'administration. ".repeat(8000);
    const queued = await queue({ subject: "Compte rendu", text });
    expect((await mailRow(queued.id)).raw!.length).toBeGreaterThan(256 * 1024);
    expect(await round()).toEqual(["sent"]);
    const [message] = atFake(queued.messageId);
    expect(message!.raw).toMatch(/^Date: /m);
    expect(message!.raw.length).toBeGreaterThan(256 * 1024);
    expect(message!.raw).toContain("Compte rendu du conseil d'administration. Compte rendu");
  });

  it("builds a mail too big to be built when queued when it sends it, with the same Message-ID", async () => {
    const { mailbox, queue } = await setup("google");
    const text = "Rapport annuel de l'établissement. ".repeat(32000);
    const queued = await queue({ subject: "Rapport annuel", text, bcc: ["archive@example.org"] });
    const row = await mailRow(queued.id);
    expect(row.sizeBytes).toBeGreaterThan(1024 * 1024);
    expect(row.raw).toBeNull();
    expect(await round()).toEqual(["sent"]);
    const [message] = atFake(queued.messageId);
    expect(message!.to).toEqual(["parent@example.org", "archive@example.org"]);
    expect(message!.raw).toMatch(new RegExp(`^From: .*<?${mailbox.address}>?\\r$`, "m"));
    expect(message!.raw).toMatch(/^Date: /m);
    expect(message!.raw).not.toMatch(/^Bcc:/im);
    expect(message!.raw).toContain("Rapport annuel de l'=C3=A9tablissement.");
  });

  it("fails it with the reason on a permanent answer", async () => {
    const { mailbox, queue } = await setup("microsoft");
    const queued = await queue();
    fakes.control.failNext(mailbox.address, "550 5.1.1 Recipient address rejected");
    expect(await round()).toEqual(["failed"]);
    const row = await mailRow(queued.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("5.1.1");
  });

  it("gives up after RELAIS_MAX_ATTEMPTS temporary answers", async () => {
    const { mailbox, queue } = await setup("google");
    const queued = await queue();
    process.env.RELAIS_MAX_ATTEMPTS = "2";
    try {
      for (let i = 0; i < 2; i++) {
        fakes.control.failNext(mailbox.address, "421 4.7.0 Try again later");
        await makeDue(queued.id);
        await round();
      }
    } finally {
      delete process.env.RELAIS_MAX_ATTEMPTS;
    }
    const row = await mailRow(queued.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/^attempts exhausted/);
  });

  it("refreshes once and retries once when a token that looked valid is refused", async () => {
    for (const provider of ["google", "microsoft"] as const) {
      const { mailbox, queue } = await setup(provider);
      const queued = await queue();
      fakes.control.expireAccessTokens(mailbox.address);
      fakes.control.resetStats();
      expect(await round()).toEqual(["sent"]);
      expect(fakes.control.stats().refreshRequests[mailbox.address]).toBe(1);
      expect(atFake(queued.messageId)).toHaveLength(1);
      expect((await mailRow(queued.id)).attempts).toBe(1);
    }
  });

  it("holds the mail and flags the mailbox when Microsoft says SMTP AUTH is disabled, without refreshing", async () => {
    const { mailbox, queue } = await setup("microsoft");
    const queued = await queue();
    fakes.control.disableSmtpAuth(mailbox.address, true, "Tenant");
    fakes.control.resetStats();
    expect(await round()).toEqual(["held"]);
    fakes.control.disableSmtpAuth(mailbox.address, false);
    expect(fakes.control.stats().refreshRequests[mailbox.address] ?? 0).toBe(0);
    const row = await mailRow(queued.id);
    expect(row.status).toBe("held");
    expect(row.lastError).toContain("5.7.139");
    const db = await getDb();
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).toMatchObject({
      state: "config_error",
      lastErrorCode: "smtp_auth_disabled",
    });
  });

  it("pauses only that mailbox on a quota answer, and holds its mail", async () => {
    for (const provider of ["google", "microsoft"] as const) {
      const { mailbox, queue } = await setup(provider);
      const queued = await queue();
      fakes.control.setQuotaExceeded(mailbox.address, provider);
      expect(await round()).toEqual(["held"]);
      fakes.control.setQuotaExceeded(mailbox.address, null);
      const db = await getDb();
      const paused = await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
      const hours = provider === "google" ? 24 : 1;
      expect(paused.pausedUntil!.getTime()).toBeGreaterThan(Date.now() + (hours - 0.1) * 3_600_000);
      expect((await mailRow(queued.id)).status).toBe("held");
      // Mail queued meanwhile waits too.
      const later = await queue();
      expect(later.status).toBe("held");
    }
  });

  it("holds mail while its mailbox needs reconnecting and sends it after the reconnect", async () => {
    const { mailbox, queue } = await setup("google");
    const db = await getDb();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { state: "needs_reconnect" } });
    const queued = await queue();
    expect(queued.status).toBe("held");
    expect(await round()).toEqual([]);
    await db.mailbox.update({ where: { id: mailbox.id }, data: { state: "connected" } });
    expect(await releaseHeldMail(mailbox.tenantId, mailbox.id)).toBe(1);
    expect(await round()).toEqual(["sent"]);
    expect(atFake(queued.messageId)).toHaveLength(1);
  });

  it("releases held mail when the mailbox's new tokens are stored after a reconnect", async () => {
    const { mailbox, queue, tenant } = await setup("google");
    const db = await getDb();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { state: "needs_reconnect" } });
    const queued = await queue();
    expect(queued.status).toBe("held");
    const { tokens } = await connectMailbox(fakes, {
      provider: "google",
      email: mailbox.address,
      ...GOOGLE_CLIENT,
      redirectUri: "http://127.0.0.1:3999/api/oauth/callback",
      scope: "openid email https://mail.google.com/",
      extra: { prompt: "consent", access_type: "offline" },
    });
    await storeConnectionTokens({
      by: { tenantId: tenant.id, userId: null, email: mailbox.address, ip: null },
      tenantId: tenant.id,
      mailboxId: mailbox.id,
      mailboxAddress: mailbox.address,
      tokens: parseTokenResponse(tokens)!,
      grantedScopes: ["https://mail.google.com/"],
      authorizedAccount: mailbox.address,
      state: "connected",
      flow: "authorization_code",
      connectLinkId: null,
      issuedTo: await issuedToNow(mailbox.id),
    });
    expect((await mailRow(queued.id)).status).toBe("queued");
    expect(await round()).toEqual(["sent"]);
  });

  it("holds a queued mail whose mailbox broke after it was queued, and cancels mail of a revoked mailbox", async () => {
    const { mailbox, queue, tenant } = await setup("google");
    const db = await getDb();
    const queued = await queue();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { state: "needs_reconnect" } });
    expect(await round()).toEqual(["held"]);
    expect((await mailRow(queued.id)).attempts).toBe(0);
    const another = await queue();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { state: "revoked" } });
    expect(await cancelMailOfRevokedMailbox(tenant.id, mailbox.id)).toBe(2);
    expect((await mailRow(another.id)).status).toBe("cancelled");
  });

  it("keeps a Microsoft mailbox to 30 messages a minute: 35 mails → 30 sent, 5 waiting", async () => {
    const { queue, mailbox } = await setup("microsoft");
    const ids: string[] = [];
    for (let i = 0; i < 35; i++) ids.push((await queue({ subject: `Mail ${i}` })).id);
    // Two workers side by side, 20 mails a claim: the limit holds across them.
    const outcomes = await drainOutbox({ workers: 2, batch: 20 });
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(30);
    expect(outcomes.filter((o) => o === "queued")).toHaveLength(5);
    const db = await getDb();
    const waiting = await db.outgoingMail.findMany({ where: { mailboxId: mailbox.id, status: "queued" } });
    expect(waiting).toHaveLength(5);
    for (const mail of waiting) expect(mail.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(await db.outgoingMail.count({ where: { mailboxId: mailbox.id, status: "sent" } })).toBe(30);
  });

  it("honours the configuration's own per-day limit", async () => {
    const { queue } = await setup("google", { maxMessagesPerDay: 2 });
    for (let i = 0; i < 3; i++) await queue();
    const outcomes = await round();
    expect(outcomes).toEqual(["queued", "sent", "sent"]);
  });

  it("counts the day to the minute: a mail sent 23 h 55 min ago holds its slot, one sent 24 h 5 min ago no longer", async () => {
    const { queue } = await setup("google", { maxMessagesPerDay: 3 });
    const db = await getDb();
    const sentAgo = async (ms: number) => {
      const mail = await queue();
      await db.outgoingMail.update({
        where: { id: mail.id },
        data: { status: "sent", sentAt: new Date(Date.now() - ms), attempts: 1 },
      });
    };
    const minutes = 60_000;
    // Both in the oldest hour of the window or the one before: only the per-hour counts and the
    // mails of that hour's part inside the window tell them apart.
    await sentAgo(24 * 60 * minutes + 5 * minutes);
    await sentAgo(24 * 60 * minutes - 5 * minutes);
    await sentAgo(60 * minutes);
    const [first, second] = [await queue(), await queue()];
    const outcomes = await round();
    expect(outcomes).toEqual(["queued", "sent"]);
    const waiting = await db.outgoingMail.findFirstOrThrow({
      where: { id: { in: [first.id, second.id] }, status: "queued" },
    });
    // The slot frees up when the mail of 23 h 55 min ago leaves the window: in about five minutes.
    const wait = waiting.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(4 * minutes);
    expect(wait).toBeLessThan(6 * minutes);
  });

  it("reclaims a mail whose lease expired, and the stale worker cannot overwrite it", async () => {
    const { queue } = await setup("google");
    const queued = await queue();
    const [stale] = await claimDueMail({ workerId: "dead-worker", limit: 10, leaseMs: 1 });
    expect(stale?.id).toBe(queued.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await drainOutbox({ workerId: "live-worker" })).toEqual(["sent"]);
    // The stale worker's outcome (settleMail, as its lane would record it) finds its lease gone.
    const overwrite = { status: "failed" as const, lastError: "stale" };
    expect(await settleMail(stale!.id, "dead-worker", overwrite, null)).toBe(false);
    const row = await mailRow(queued.id);
    expect(row.status).toBe("sent");
    expect(atFake(queued.messageId)).toHaveLength(1);
  });
});
