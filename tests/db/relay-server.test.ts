import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { Pool } from "pg";
import { getDb } from "@/lib/db/client";
import { pgRelaySql, prismaRelaySql } from "@/lib/relay/relay-sql";
import { RelayQueue } from "@/lib/relay/relay-queue";
import { writeSelfSignedCertificate } from "@/lib/relay/relay-tls";
import { checkRelayLogin } from "@/lib/relay/relay-credential-session";
import { prepareMessage } from "@/lib/relay/prepare-message";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { runMaintenance } from "@/lib/worker/run-maintenance";
import { recordingLog } from "../support/capture-logs";
import { drainOutbox } from "../support/drain-outbox";
import { seedTenant } from "../support/factories";
import {
  seedRelayCredential,
  startTestRelay,
  testRelaySettings,
  type TestRelay,
} from "../support/relay-fixtures";
import { SmtpDialog } from "../support/smtp-dialog";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import {
  seedConnectedMailbox,
  seedFakeConfiguration,
  seedMailboxInState,
  startOutboxFakes,
} from "./outbox-fixtures";

const database = useTestDatabase();

const pools: Pool[] = [];
const pool = (connectionString: string) => {
  const created = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 2000 });
  created.on("error", () => {});
  pools.push(created);
  return created;
};

let fakes: FakeProvidersHandle;
let relay: TestRelay;
beforeAll(async () => {
  fakes = await startOutboxFakes();
  // On PostgreSQL the relay talks through `pg` with prepared statements, as `npm run relay` does.
  relay = await startTestRelay(database.url ? { sql: pgRelaySql(pool(database.url)) } : {});
});
afterAll(async () => {
  await relay?.stop();
  await fakes?.close();
  await Promise.all(pools.map((p) => p.end()));
});

let counter = 0;
async function setup(
  options: Parameters<typeof seedRelayCredential>[2] & { provider?: "google" | "microsoft" } = {},
) {
  const tenant = await seedTenant();
  const config = await seedFakeConfiguration(fakes, tenant.id, options.provider ?? "google");
  const n = ++counter;
  const mailbox = await seedConnectedMailbox(fakes, config, `secretariat${n}-${Date.now()}@lycee.test`);
  const credential = await seedRelayCredential(tenant.id, [mailbox.id], options);
  return { tenant, config, mailbox, credential };
}

/** The real worker runs until nothing is due: the statuses the due mails ended in. */
const workerRound = () => drainOutbox({ workerId: "relay-test" });

async function relayedMail(tenantId: string) {
  const db = await getDb();
  return db.outgoingMail.findMany({
    where: { tenantId, source: "relay" },
    orderBy: { createdAt: "asc" },
  });
}

/** An authenticated STARTTLS session on the submission port. */
async function session(username: string, password: string) {
  const dialog = await SmtpDialog.connect(relay.port("submission"));
  await dialog.command("EHLO copier.lan");
  await dialog.startTls();
  await dialog.command("EHLO copier.lan");
  const auth = await dialog.login(username, password);
  return { dialog, auth };
}

const message = (from: string, extra = "") =>
  `From: Copieur <${from}>\r\nTo: parent@example.org\r\nSubject: Scan\r\n${extra}\r\nHello from the copier.\r\n`;

describe("SMTP relay: accepting mail", () => {
  it("queues a message sent with nodemailer over STARTTLS, and the worker sends it as accepted", async () => {
    const { tenant, mailbox, credential } = await setup();
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: relay.port("submission"),
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: credential.username, pass: credential.password },
    });
    const info = await transport.sendMail({
      from: { name: "Copieur salle des profs", address: mailbox.address },
      to: "parent@example.org",
      bcc: "archive@example.org",
      subject: "Numérisation été",
      text: "Bonjour, voici le scan.",
    });
    transport.close();
    expect(info.response).toMatch(/^250 2\.0\.0 Queued as [0-9a-f-]{36}$/);
    const [row] = await relayedMail(tenant.id);
    expect(row).toMatchObject({
      status: "queued",
      mailboxId: mailbox.id,
      relayCredentialId: credential.id,
      clientIp: "127.0.0.1",
      subject: "Numérisation été",
      to: ["parent@example.org"],
      bcc: ["archive@example.org"],
      recipientCount: 2,
      messageId: info.messageId,
    });
    expect(Buffer.from(row!.raw!).toString("latin1")).not.toMatch(/^Bcc:/im);

    const before = fakes.control.messages().length;
    expect(await workerRound()).toEqual(["sent"]);
    const sent = fakes.control.messages().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.auth).toBe(mailbox.address);
    expect(sent[0]!.from).toBe(mailbox.address);
    expect(sent[0]!.to.sort()).toEqual(["archive@example.org", "parent@example.org"]);
    expect(sent[0]!.raw).toContain(`Message-ID: ${info.messageId}`);
    expect(sent[0]!.raw).not.toMatch(/^Bcc:/im);
  });

  it("answers 250 only once the row is committed, and records the session and the credential's use", async () => {
    const { tenant, mailbox, credential } = await setup();
    const { dialog, auth } = await session(credential.username, credential.password);
    expect(auth.code).toBe(235);
    expect((await dialog.command(`MAIL FROM:<${mailbox.address}>`)).code).toBe(250);
    expect((await dialog.command("RCPT TO:<parent@example.org>")).code).toBe(250);
    const reply = await dialog.data(message(mailbox.address));
    expect(reply.code).toBe(250);
    const id = /Queued as ([0-9a-f-]{36})/.exec(reply.text)![1]!;
    // Read through another connection: the row is visible, so it was committed before the answer.
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { id, tenantId: tenant.id } })).toBe(1);
    await dialog.command("QUIT");
    await expect
      .poll(async () => db.relayEvent.findMany({ where: { credentialId: credential.id } }))
      .toEqual([
        expect.objectContaining({ kind: "session", messages: 1, refusals: 0, clientIp: "127.0.0.1" }),
      ]);
    const used = await db.relayCredential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(used.lastUsedIp).toBe("127.0.0.1");
    expect(used.firstUsedAt).not.toBeNull();
  });

  it("does not answer 250 while the statement that stores the mail has not returned", async () => {
    const { tenant, mailbox, credential } = await setup();
    const real = prismaRelaySql(getDb);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = {
      ...real,
      query: async <T>(name: string, text: string, values: unknown[]) => {
        if (name === "queue") await gate;
        return real.query<T>(name, text, values);
      },
    };
    const held = await startTestRelay({
      sql: gated,
      settings: testRelaySettings({
        listeners: [{ kind: "tls", host: "127.0.0.1", port: 0, legacyTls: false }],
      }),
    });
    try {
      const dialog = await SmtpDialog.connect(held.port("tls"), { tls: true });
      await dialog.command("EHLO copier.lan");
      await dialog.login(credential.username, credential.password);
      await dialog.command(`MAIL FROM:<${mailbox.address}>`);
      await dialog.command("RCPT TO:<parent@example.org>");
      const answer = dialog.data(message(mailbox.address));
      // Nothing is stored yet, and nothing is answered.
      await expect(
        Promise.race([answer, new Promise((r) => setTimeout(() => r("silent"), 500))]),
      ).resolves.toBe("silent");
      expect(await relayedMail(tenant.id)).toHaveLength(0);
      release();
      expect((await answer).code).toBe(250);
      expect(await relayedMail(tenant.id)).toHaveLength(1);
      dialog.close();
    } finally {
      release();
      await held.stop();
    }
  });

  it("normalises bare LF line ends, keeps 8-bit text byte for byte and adds a missing Message-ID and Date", async () => {
    const { tenant, mailbox, credential } = await setup();
    const { dialog } = await session(credential.username, credential.password);
    await dialog.command(`MAIL FROM:<${mailbox.address}> BODY=8BITMIME`);
    await dialog.command("RCPT TO:<parent@example.org>");
    const body = Buffer.from(
      `From: ${mailbox.address}\nTo: parent@example.org\nSubject: Été\n\nÉlève absent — café\n`,
      "utf8",
    );
    expect((await dialog.data(body)).code).toBe(250);
    dialog.close();
    const [row] = await relayedMail(tenant.id);
    const raw = Buffer.from(row!.raw!);
    expect(raw.toString("latin1")).not.toMatch(/[^\r]\n/);
    expect(raw.includes(Buffer.from("Élève absent — café\r\n", "utf8"))).toBe(true);
    expect(raw.toString("utf8")).toMatch(/^Message-ID: <[0-9a-f-]{36}@lycee\.test>\r$/m);
    expect(raw.toString("utf8")).toMatch(/^Date: .+\+0000\r$/m);
    expect(row!.subject).toBe("Été");
  });

  it("holds mail for a mailbox that needs reconnecting, as for the portal's own mail", async () => {
    const { tenant, config, mailbox } = await setup();
    const broken = await seedMailboxInState(config, `broken-${Date.now()}@lycee.test`, "needs_reconnect");
    const credential = await seedRelayCredential(tenant.id, [mailbox.id, broken.id]);
    const { dialog } = await session(credential.username, credential.password);
    await dialog.command(`MAIL FROM:<${broken.address}>`);
    await dialog.command("RCPT TO:<parent@example.org>");
    const reply = await dialog.data(message(broken.address));
    dialog.close();
    expect(reply.code).toBe(250);
    expect(reply.text).toContain("held");
    const rows = await relayedMail(tenant.id);
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([["held", "mailbox_needs_reconnect"]]);
  });

  it("rewrites From: for a fixed sender, keeping the device's name, and moves its address to Reply-To", async () => {
    const { tenant, mailbox, credential } = await setup({ fromPolicy: "fixed_reply_to" });
    const { dialog } = await session(credential.username, credential.password);
    expect((await dialog.command("MAIL FROM:<scanner@copier.local>")).code).toBe(250);
    await dialog.command("RCPT TO:<parent@example.org>");
    const reply = await dialog.data(
      "From: Scanner Salle 12 <scanner@copier.local>\r\nSender: scanner@copier.local\r\nTo: parent@example.org\r\nSubject: Scan\r\n\r\nscan\r\n",
    );
    dialog.close();
    expect(reply.code).toBe(250);
    const [row] = await relayedMail(tenant.id);
    const raw = Buffer.from(row!.raw!).toString("utf8");
    expect(raw).toMatch(
      new RegExp(`^From: "Scanner Salle 12" <${mailbox.address.replace(/\./g, "\\.")}>\\r$`, "m"),
    );
    expect(raw).toMatch(/^Reply-To: "Scanner Salle 12" <scanner@copier\.local>\r$/m);
    expect(raw).not.toMatch(/^Sender:/im);
    expect(row!.mailboxId).toBe(mailbox.id);
  });

  it("takes a device's retry of a message whose 250 it lost as the same mail, not a second one", async () => {
    const { tenant, mailbox, credential } = await setup();
    const send = async (date: string) => {
      const { dialog } = await session(credential.username, credential.password);
      await dialog.command(`MAIL FROM:<${mailbox.address}>`);
      await dialog.command("RCPT TO:<parent@example.org>");
      const headers = `Message-ID: <scan-42@copier.local>\r\nDate: ${date}\r\n`;
      const reply = await dialog.data(message(mailbox.address, headers));
      dialog.close();
      return reply;
    };
    const first = await send("Mon, 07 Dec 2026 08:00:00 +0100");
    const second = await send("Mon, 07 Dec 2026 08:00:00 +0100");
    expect(first.text).toBe(second.text);
    expect(await relayedMail(tenant.id)).toHaveLength(1);
    // The same Message-ID on another day's alert of the same length (a device that writes a constant one).
    const nextDay = await send("Tue, 08 Dec 2026 08:00:00 +0100");
    expect(nextDay.text).not.toBe(first.text);
    // The very same bytes more than a day later are a new mail too.
    const db = await getDb();
    await db.outgoingMail.updateMany({
      where: { tenantId: tenant.id },
      data: { createdAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    const later = await send("Mon, 07 Dec 2026 08:00:00 +0100");
    expect(later.text).not.toBe(first.text);
    const rows = await relayedMail(tenant.id);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(3);
  });

  it("refuses with 554 a message whose credential was revoked during the session", async () => {
    const { tenant, mailbox, credential } = await setup();
    const { dialog } = await session(credential.username, credential.password);
    await dialog.command(`MAIL FROM:<${mailbox.address}>`);
    await dialog.command("RCPT TO:<parent@example.org>");
    const db = await getDb();
    await db.relayCredential.update({ where: { id: credential.id }, data: { revokedAt: new Date() } });
    const reply = await dialog.data(message(mailbox.address));
    dialog.close();
    expect(reply.code).toBe(554);
    expect(reply.text).toMatch(/^5\.7\.1 .*revoked/);
    expect(await relayedMail(tenant.id)).toHaveLength(0);
  });

  it("gives a new Message-ID to a different message that reuses one, instead of dropping it", async () => {
    const { tenant, mailbox, credential } = await setup();
    for (const subject of ["Scan 1", "Scan 2"]) {
      const { dialog } = await session(credential.username, credential.password);
      await dialog.command(`MAIL FROM:<${mailbox.address}>`);
      await dialog.command("RCPT TO:<parent@example.org>");
      const text = `From: ${mailbox.address}\r\nTo: parent@example.org\r\nSubject: ${subject}\r\nMessage-ID: <constant@copier.local>\r\n\r\nx\r\n`;
      expect((await dialog.data(text)).code).toBe(250);
      dialog.close();
    }
    const rows = await relayedMail(tenant.id);
    expect(rows.map((r) => r.subject)).toEqual(["Scan 1", "Scan 2"]);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(2);
  });
});

describe("SMTP relay: refusals", () => {
  it("refuses AUTH before STARTTLS on the submission port, and MAIL without AUTH on every port (no open relay)", async () => {
    const { tenant, mailbox, credential } = await setup();
    const plainFirst = await SmtpDialog.connect(relay.port("submission"));
    const ehlo = await plainFirst.command("EHLO copier.lan");
    expect(ehlo.lines.join("\n")).toContain("STARTTLS");
    expect((await plainFirst.login(credential.username, credential.password)).code).toBe(538);
    plainFirst.close();
    for (const kind of ["submission", "tls", "plain"] as const) {
      const dialog = await SmtpDialog.connect(relay.port(kind), { tls: kind === "tls" });
      await dialog.command("EHLO spammer.example");
      const mail = await dialog.command(`MAIL FROM:<${mailbox.address}>`);
      expect(mail.code).toBe(530);
      const rcpt = await dialog.command("RCPT TO:<victim@example.org>");
      expect(rcpt.code).toBeGreaterThanOrEqual(500);
      const data = await dialog.command("DATA");
      expect(data.code).toBeGreaterThanOrEqual(500);
      dialog.close();
    }
    expect(await relayedMail(tenant.id)).toHaveLength(0);
  });

  it("refuses a wrong password with 535 5.7.8, counts it, and throttles the address after repeated failures", async () => {
    const { credential } = await setup();
    const db = await getDb();
    const { dialog, auth } = await session(credential.username, "wrong-password");
    expect(auth.code).toBe(535);
    expect(auth.text).toMatch(/^5\.7\.8 /);
    dialog.close();
    await expect
      .poll(() => db.relayEvent.findMany({ where: { credentialId: credential.id, kind: "refusal" } }))
      .toEqual([expect.objectContaining({ reason: "bad_password", code: 535 })]);
    // Other failures from the same user name (counted in the database, as another relay process would).
    await db.relayAuthFailure.createMany({
      data: Array.from({ length: 10 }, () => ({ username: credential.username, clientIp: "192.0.2.7" })),
    });
    const throttled = await session(credential.username, credential.password);
    expect(throttled.auth.code).toBe(454);
    throttled.dialog.close();
  });

  it("closes a session after three failed logins", async () => {
    const dialog = await SmtpDialog.connect(relay.port("tls"), { tls: true });
    await dialog.command("EHLO x");
    const user = `relay-nobody${randomBytes(3).toString("hex")}`;
    expect((await dialog.login(user, "a")).code).toBe(535);
    expect((await dialog.login(user, "b")).code).toBe(535);
    expect((await dialog.login(user, "c")).code).toBe(421);
    await expect.poll(() => dialog.closed).toBe(true);
  });

  it("refuses a revoked credential at the next login, and a credential used from outside its networks", async () => {
    const { mailbox, tenant } = await setup();
    const limited = await seedRelayCredential(tenant.id, [mailbox.id], { allowedNetworks: "10.20.0.0/16" });
    const outside = await session(limited.username, limited.password);
    expect(outside.auth.code).toBe(535);
    expect(outside.auth.text).toContain("127.0.0.1");
    outside.dialog.close();
    const inside = await seedRelayCredential(tenant.id, [mailbox.id], {
      allowedNetworks: "127.0.0.0/8, ::1",
    });
    const ok = await session(inside.username, inside.password);
    expect(ok.auth.code).toBe(235);
    ok.dialog.close();
    const db = await getDb();
    await db.relayCredential.update({ where: { id: inside.id }, data: { revokedAt: new Date() } });
    const revoked = await session(inside.username, inside.password);
    expect(revoked.auth.code).toBe(535);
    expect(revoked.auth.text).toContain("revoked");
    revoked.dialog.close();
  });

  it("refuses a sender that is not one of the credential's mailboxes, and a From: that is not the sender", async () => {
    const { tenant, mailbox, credential } = await setup();
    const { dialog } = await session(credential.username, credential.password);
    const mail = await dialog.command("MAIL FROM:<principal@lycee.test>");
    expect(mail.code).toBe(550);
    expect(mail.text).toMatch(/^5\.7\.1 Sender principal@lycee\.test is not allowed/);
    await dialog.command(`MAIL FROM:<${mailbox.address}>`);
    await dialog.command("RCPT TO:<parent@example.org>");
    const data = await dialog.data(message("principal@lycee.test"));
    expect(data.code).toBe(550);
    expect(data.text).toMatch(/^5\.7\.1 From: principal@lycee\.test/);
    dialog.close();
    expect(await relayedMail(tenant.id)).toHaveLength(0);
    const db = await getDb();
    await expect
      .poll(async () =>
        (await db.relayEvent.findMany({ where: { credentialId: credential.id, kind: "refusal" } }))
          .map((e) => e.reason)
          .sort(),
      )
      .toEqual(["from_header_not_allowed", "sender_not_allowed"]);
  });

  it("announces SIZE, refuses a larger message with 552 and queues nothing", async () => {
    const { tenant, mailbox, credential } = await setup();
    const { dialog } = await session(credential.username, credential.password);
    const ehlo = await dialog.command("EHLO copier.lan");
    expect(ehlo.lines.some((line) => /SIZE 1048576$/.test(line))).toBe(true);
    await dialog.command(`MAIL FROM:<${mailbox.address}>`);
    await dialog.command("RCPT TO:<parent@example.org>");
    const reply = await dialog.data(message(mailbox.address) + "x".repeat(1_100_000));
    expect(reply.code).toBe(552);
    dialog.close();
    expect(await relayedMail(tenant.id)).toHaveLength(0);
  });

  it("refuses the recipient past the provider's limit with 452 (Google: 100)", async () => {
    const { mailbox, credential } = await setup();
    const { dialog } = await session(credential.username, credential.password);
    await dialog.command(`MAIL FROM:<${mailbox.address}>`);
    for (let i = 0; i < 100; i += 1)
      expect((await dialog.command(`RCPT TO:<p${i}@example.org>`)).code).toBe(250);
    const over = await dialog.command("RCPT TO:<p100@example.org>");
    expect(over.code).toBe(452);
    expect(over.text).toMatch(/^4\.5\.3 /);
    dialog.close();
  });

  /** Two mails in one session of the credential: the codes DATA got (a cap of one: 250, then 452). */
  async function sendTwice(credential: { username: string; password: string }, from: string) {
    const { dialog } = await session(credential.username, credential.password);
    const codes: number[] = [];
    for (let i = 0; i < 2; i++) {
      await dialog.command(`MAIL FROM:<${from}>`);
      await dialog.command("RCPT TO:<parent@example.org>");
      codes.push((await dialog.data(message(from))).code);
    }
    dialog.close();
    return codes;
  }

  it("refuses mail past the credential's daily cap with 452", async () => {
    const { tenant, mailbox, credential } = await setup({ dailyCap: 1 });
    expect(await sendTwice(credential, mailbox.address)).toEqual([250, 452]);
    expect(await relayedMail(tenant.id)).toHaveLength(1);
  });

  it("refuses with 554 a message of a school suspended during the session", async () => {
    const { tenant, mailbox, credential } = await setup();
    const { dialog } = await session(credential.username, credential.password);
    await dialog.command(`MAIL FROM:<${mailbox.address}>`);
    await dialog.command("RCPT TO:<parent@example.org>");
    const db = await getDb();
    await db.tenant.update({ where: { id: tenant.id }, data: { suspendedAt: new Date() } });
    const reply = await dialog.data(message(mailbox.address));
    dialog.close();
    expect(reply.code).toBe(554);
    expect(reply.text).toContain("suspended");
    expect(await relayedMail(tenant.id)).toHaveLength(0);
  });

  it("counts the daily cap over the school's day, in its time zone, not the UTC one", async () => {
    const { tenant, mailbox, credential } = await setup({ dailyCap: 1 });
    // A school whose date differs from UTC's right now: 14 hours ahead (already tomorrow there), or
    // 11 behind (still yesterday).
    const now = new Date();
    const ahead = now.getUTCHours() >= 10;
    const timeZone = ahead ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
    const schoolDay = new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
    const utcDay = now.toISOString().slice(0, 10);
    expect(schoolDay).not.toBe(utcDay);
    const db = await getDb();
    await db.tenant.update({ where: { id: tenant.id }, data: { timeZone } });
    // Ahead: the cap was reached on the UTC date, the school's yesterday: a new day, one more mail.
    // Behind: it was reached on the school's date, UTC's yesterday: still the school's day, none.
    const reachedOn = ahead ? utcDay : schoolDay;
    await db.relayCredential.update({
      where: { id: credential.id },
      data: { capDay: new Date(`${reachedOn}T00:00:00Z`), capCount: 1 },
    });
    expect(await sendTwice(credential, mailbox.address)).toEqual(ahead ? [250, 452] : [452, 452]);
    const row = await db.relayCredential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(row.capDay?.toISOString().slice(0, 10)).toBe(schoolDay);
    expect(row.capCount).toBe(1);
  });

  it("never counts a day twice when the school's time zone moves it back", async () => {
    const { tenant, mailbox, credential } = await setup({ dailyCap: 1 });
    const db = await getDb();
    // The cap was reached on a date that, after the school moved west, is still to come there.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await db.tenant.update({ where: { id: tenant.id }, data: { timeZone: "America/Cayenne" } });
    await db.relayCredential.update({
      where: { id: credential.id },
      data: { capDay: new Date(`${tomorrow}T00:00:00Z`), capCount: 1 },
    });
    expect(await sendTwice(credential, mailbox.address)).toEqual([452, 452]);
    const row = await db.relayCredential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(row.capDay?.toISOString().slice(0, 10)).toBe(tomorrow);
  });

  it("keeps the daily cap exact when several sessions send at the same moment", async () => {
    const { tenant, mailbox, credential } = await setup({ dailyCap: 3 });
    const replies = await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        const { dialog } = await session(credential.username, credential.password);
        await dialog.command(`MAIL FROM:<${mailbox.address}>`);
        await dialog.command(`RCPT TO:<p${n}@example.org>`);
        const reply = await dialog.data(message(mailbox.address));
        dialog.close();
        return reply.code;
      }),
    );
    expect(replies.filter((code) => code === 250)).toHaveLength(3);
    expect(replies.filter((code) => code === 452)).toHaveLength(5);
    expect(await relayedMail(tenant.id)).toHaveLength(3);
  });

  it("queues nothing when the client disconnects in the middle of DATA", async () => {
    const { tenant, mailbox, credential } = await setup();
    const { dialog } = await session(credential.username, credential.password);
    await dialog.command(`MAIL FROM:<${mailbox.address}>`);
    await dialog.command("RCPT TO:<parent@example.org>");
    expect((await dialog.command("DATA")).code).toBe(354);
    dialog.write(`From: ${mailbox.address}\r\nSubject: cut\r\n\r\nhalf a mess`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    dialog.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await relayedMail(tenant.id)).toHaveLength(0);
  });

  it("answers 421 when the database cannot be reached, so that the device keeps the mail and retries", async () => {
    const { credential } = await setup();
    const unreachable = pool("postgresql://postgres@127.0.0.1:1/none");
    const down = await startTestRelay({ sql: pgRelaySql(unreachable) });
    try {
      const dialog = await SmtpDialog.connect(down.port("tls"), { tls: true });
      await dialog.command("EHLO copier.lan");
      const auth = await dialog.login(credential.username, credential.password);
      expect(auth.code).toBe(421);
      expect(auth.text).toMatch(/^4\.3\.0 /);
      dialog.close();
    } finally {
      await down.stop();
    }
  });
});

describe("SMTP relay: TLS", () => {
  const tls10 = { minVersion: "TLSv1", maxVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" } as const;

  it("refuses TLS 1.0 on the ordinary listeners and accepts it on the opt-in legacy listener only", async () => {
    const legacy = await startTestRelay({
      settings: testRelaySettings({
        listeners: [
          { kind: "tls", host: "127.0.0.1", port: 0, legacyTls: false },
          { kind: "tls", host: "127.0.0.1", port: 0, legacyTls: true },
        ],
      }),
    });
    try {
      await expect(SmtpDialog.connect(legacy.port("tls"), { tls: tls10 })).rejects.toThrow();
      const old = await SmtpDialog.connect(legacy.port("legacy"), { tls: tls10 });
      expect(old.tlsSocket?.getProtocol()).toBe("TLSv1");
      old.close();
      const modern = await SmtpDialog.connect(legacy.port("tls"), { tls: true });
      expect(modern.tlsSocket?.getProtocol()).toBe("TLSv1.3");
      modern.close();
    } finally {
      await legacy.stop();
    }
  });

  it("serves a renewed certificate without a restart when its files change", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "relais-cert-"));
    const files = { certFile: path.join(dir, "cert.pem"), keyFile: path.join(dir, "key.pem") };
    const make = (name: string) => writeSelfSignedCertificate(files, name, [name], 2);
    make("first.relais.test");
    const renewing = await startTestRelay({
      settings: testRelaySettings({
        certFile: path.join(dir, "cert.pem"),
        keyFile: path.join(dir, "key.pem"),
        generatedCertDir: null,
        listeners: [{ kind: "submission", host: "127.0.0.1", port: 0, legacyTls: false }],
      }),
      certificateReloadIntervalMs: 100,
    });
    const subject = async () => {
      const dialog = await SmtpDialog.connect(renewing.port("submission"));
      await dialog.command("EHLO x");
      await dialog.startTls();
      const name = dialog.tlsSocket?.getPeerCertificate().subject.CN;
      dialog.close();
      return name;
    };
    try {
      expect(await subject()).toBe("first.relais.test");
      make("second.relais.test");
      await expect.poll(subject, { timeout: 5000, interval: 200 }).toBe("second.relais.test");
    } finally {
      await renewing.stop();
    }
  });
});

describe("SMTP relay: the workers' chores", () => {
  it("forget failed logins past the throttle window and sessions older than 30 days, and keep the rest", async () => {
    const { tenant, credential } = await setup();
    const db = await getDb();
    const old = new Date(Date.now() - 31 * 86_400_000);
    await db.relayAuthFailure.createMany({
      data: [
        { username: "relay-old", clientIp: "192.0.2.1", createdAt: new Date(Date.now() - 16 * 60_000) },
        { username: "relay-new", clientIp: "192.0.2.1" },
      ],
    });
    const event = {
      tenantId: tenant.id,
      credentialId: credential.id,
      kind: "session",
      clientIp: "192.0.2.1",
    };
    await db.relayEvent.createMany({ data: [{ ...event, createdAt: old }, { ...event }] });
    await runMaintenance(recordingLog().log);
    const left = await db.relayAuthFailure.findMany({
      where: { username: { in: ["relay-old", "relay-new"] } },
    });
    expect(left.map((f) => f.username)).toEqual(["relay-new"]);
    expect(await db.relayEvent.count({ where: { credentialId: credential.id } })).toBe(1);
  });
});

describe.runIf(realPostgresAvailable("the relay's group commit, through pg"))(
  "SMTP relay: group commit",
  () => {
    it("queues messages that arrive together in one statement, each answered with its own row, refusals apart", async () => {
      const url = database.url!;
      const { tenant, mailbox, credential } = await setup();
      const revoked = await seedRelayCredential(tenant.id, [mailbox.id], { name: "Old copier" });
      const db = await getDb();
      await db.relayCredential.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
      const real = pgRelaySql(pool(url));
      const statements: string[] = [];
      const counted = {
        ...real,
        query: <T>(name: string, text: string, values: unknown[]) => {
          statements.push(name);
          return real.query<T>(name, text, values);
        },
      };
      const queue = new RelayQueue(counted);
      const login = async (username: string, password: string) => {
        const result = await checkRelayLogin(real, username, password, "127.0.0.1");
        if (!result.ok) throw new Error(result.reason);
        return result.credential;
      };
      const live = await login(credential.username, credential.password);
      // The revoked one logged in before it was revoked: its session still holds it.
      const stale = { ...live, id: revoked.id, name: "Old copier" };
      const prepared = (n: number) => {
        const result = prepareMessage({
          message: Buffer.from(`From: ${mailbox.address}\r\nSubject: Scan ${n}\r\n\r\nPage ${n}\r\n`),
          mailbox,
          fromPolicy: "as_sent",
          recipients: [`p${n}@example.org`],
        });
        if ("refused" in result) throw new Error(result.refused);
        return result;
      };
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, n) =>
          queue.queue(n === 5 ? stale : live, mailbox, prepared(n), "127.0.0.1"),
        ),
      );
      expect(results[5]).toEqual({ refused: "revoked", detail: "" });
      const queued = results.filter(
        (r): r is { id: string; status: "queued"; duplicate: false } => "id" in r,
      );
      expect(queued).toHaveLength(11);
      const rows = await db.outgoingMail.findMany({ where: { id: { in: queued.map((r) => r.id) } } });
      expect(rows.map((r) => r.subject).sort()).toEqual(
        Array.from({ length: 12 }, (_, n) => `Scan ${n}`)
          .filter((s) => s !== "Scan 5")
          .sort(),
      );
      for (const row of rows) expect(row.bcc).toEqual([`p${row.subject.slice(5)}@example.org`]);
      // The first went alone; the eleven others waited for it and went together.
      expect(statements.filter((name) => name === "queue" || name === "queue_group")).toEqual([
        "queue",
        "queue_group",
      ]);
    });
  },
);

describe.runIf(realPostgresAvailable("a failing group of the relay, through pg"))(
  "SMTP relay: a group that fails",
  () => {
    it("answers each message of a group on its own when the group's statement fails", async () => {
      const url = database.url!;
      const { tenant, mailbox, credential } = await setup();
      const real = pgRelaySql(pool(url));
      const queue = new RelayQueue(real);
      const login = await checkRelayLogin(real, credential.username, credential.password, "127.0.0.1");
      if (!login.ok) throw new Error(login.reason);
      const make = (n: number, messageId: string) => {
        const result = prepareMessage({
          message: Buffer.from(
            `From: ${mailbox.address}\r\nMessage-ID: ${messageId}\r\nSubject: Scan ${n}\r\n\r\nx\r\n`,
          ),
          mailbox,
          fromPolicy: "as_sent",
          recipients: ["parent@example.org"],
        });
        if ("refused" in result) throw new Error(result.refused);
        return result;
      };
      // Another school's mail holds this Message-ID already: the group's INSERT fails on it.
      const taken = `<taken-${Date.now()}@copier.local>`;
      const other = await setup();
      const { dialog } = await session(other.credential.username, other.credential.password);
      await dialog.command(`MAIL FROM:<${other.mailbox.address}>`);
      await dialog.command("RCPT TO:<parent@example.org>");
      await dialog.data(message(other.mailbox.address, `Message-ID: ${taken}\r\n`));
      dialog.close();
      const results = await Promise.all([
        queue.queue(login.credential, mailbox, make(0, "<first@copier.local>"), "127.0.0.1"),
        queue.queue(login.credential, mailbox, make(1, taken), "127.0.0.1"),
        queue.queue(login.credential, mailbox, make(2, "<third@copier.local>"), "127.0.0.1"),
      ]);
      expect(results.every((r) => "id" in r)).toBe(true);
      const rows = await relayedMail(tenant.id);
      expect(rows.map((r) => r.subject).sort()).toEqual(["Scan 0", "Scan 1", "Scan 2"]);
      expect(rows.find((r) => r.subject === "Scan 1")!.messageId).not.toBe(taken);
    });
  },
);

describe("SMTP relay: limits on connections", () => {
  it("closes an idle client after the timeout, and refuses connections past the per-address limit", async () => {
    const limited = await startTestRelay({
      settings: testRelaySettings({
        listeners: [{ kind: "plain", host: "127.0.0.1", port: 0, legacyTls: false }],
        socketTimeoutMs: 300,
        maxConnectionsPerIp: 2,
      }),
    });
    try {
      const idle = await SmtpDialog.connect(limited.port("plain"));
      await idle.command("EHLO sleepy.lan");
      const timedOut = await idle.read(3000);
      expect(timedOut.code).toBe(421);
      await expect.poll(() => idle.closed).toBe(true);

      const first = await SmtpDialog.connect(limited.port("plain"));
      const second = await SmtpDialog.connect(limited.port("plain"));
      await expect(SmtpDialog.connect(limited.port("plain"))).rejects.toThrow(/421/);
      first.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await SmtpDialog.connect(limited.port("plain"));
      again.close();
      second.close();
    } finally {
      await limited.stop();
    }
  });
});

describe("SMTP relay: behind a load balancer", () => {
  it("takes the client's address from the PROXY header of a named balancer, and from the socket otherwise", async () => {
    const { tenant, mailbox } = await setup();
    // The credential may be used only from the school network; the balancer itself is on loopback.
    const credential = await seedRelayCredential(tenant.id, [mailbox.id], {
      allowedNetworks: "192.0.2.0/24",
    });
    const balanced = await startTestRelay({
      settings: testRelaySettings({
        listeners: [{ kind: "tls", host: "127.0.0.1", port: 0, legacyTls: false }],
        proxyProtocolFrom: ["127.0.0.1"],
      }),
    });
    try {
      const port = balanced.port("tls");
      // What a balancer writes before the client's bytes: the client 192.0.2.10, never connected to.
      const viaBalancer = await SmtpDialog.connect(port, {
        tls: true,
        before: `PROXY TCP4 192.0.2.10 127.0.0.1 40000 ${port}\r\n`,
      });
      await viaBalancer.command("EHLO copier.lan");
      expect((await viaBalancer.login(credential.username, credential.password)).code).toBe(235);
      await viaBalancer.command(`MAIL FROM:<${mailbox.address}>`);
      await viaBalancer.command("RCPT TO:<parent@example.org>");
      expect((await viaBalancer.data(message(mailbox.address))).code).toBe(250);
      viaBalancer.close();
      const db = await getDb();
      const [row] = await relayedMail(tenant.id);
      expect(row?.clientIp).toBe("192.0.2.10");
      await expect
        .poll(
          async () =>
            (await db.relayCredential.findUniqueOrThrow({ where: { id: credential.id } })).lastUsedIp,
        )
        .toBe("192.0.2.10");
      // Without the header the balancer's own address is the client's: outside the credential's networks.
      const direct = await SmtpDialog.connect(relay.port("tls"), { tls: true });
      await direct.command("EHLO copier.lan");
      expect((await direct.login(credential.username, credential.password)).code).toBe(535);
      direct.close();
    } finally {
      await balanced.stop();
    }
  });
});
