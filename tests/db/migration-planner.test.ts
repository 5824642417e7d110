import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { getMigrationPlan } from "@/lib/migration/get-migration-plan";
import { importSmtpAuthReport } from "@/lib/migration/import-report";
import { migrateSender } from "@/lib/migration/migrate-sender";
import { reportPeriodSchema } from "@/lib/migration/migration-schemas";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { startTestRelay, type TestRelay } from "../support/relay-fixtures";
import { SmtpDialog } from "../support/smtp-dialog";
import { useTestDatabase } from "../support/test-db";
import {
  seedConnectedMailbox,
  seedFakeConfiguration,
  seedMailboxInState,
  startOutboxFakes,
} from "./outbox-fixtures";
import { readable } from "../support/captured-mail";

useTestDatabase();

let fakes: FakeProvidersHandle;
let relay: TestRelay;
beforeAll(async () => {
  fakes = await startOutboxFakes();
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay?.stop();
  await fakes?.close();
});

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const period = (from: number, to: number) =>
  reportPeriodSchema.parse({ periodStart: isoDay(from), periodEnd: isoDay(to) });

/** Shaped like the export: byte-order mark, quoted fields, its own column order, a column we do not know. */
const exportFile = (rows: string[]) =>
  `\uFEFF"Domain","Sender address","Messages sent","TLS1.0 %","TLS1.1 %","TLS1.2 %","Authentication protocol","Region"\r\n${rows.join("\r\n")}\r\n`;

async function setup() {
  const people = await seedTenantWithPeople();
  const ctx = await contextFor(people.admin, people.tenant, "migration.write");
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "microsoft");
  const stamp = Date.now();
  const connected = await seedConnectedMailbox(fakes, config, `scan-${stamp}@college.test`);
  const pending = await seedMailboxInState(config, `compta-${stamp}@college.test`, "pending");
  const addresses = {
    connected: connected.address,
    pending: pending.address,
    missing: `copieur-${stamp}@college.test`,
    oauth: `app-${stamp}@college.test`,
  };
  return { ...people, ctx, config, addresses };
}

describe("importing the SMTP AUTH clients report", () => {
  it("reads the export's shape, merges a sender listed twice and keeps the period", async () => {
    const { ctx, addresses } = await setup();
    const file = exportFile([
      `"college.test","${addresses.connected.toUpperCase()}","1,234","0","0","100","Basic","EU"`,
      `college.test,${addresses.pending},10,"50,5",0,49.5,Basic,EU`,
      `college.test,${addresses.pending},10,0,0,100,Basic,EU`,
      `college.test,${addresses.oauth},3,0,0,100,OAuth,EU`,
      ``,
    ]);
    const result = await importSmtpAuthReport(ctx, {
      text: file,
      fileName: "smtp-auth.csv",
      period: period(-7, -1),
    });
    expect(result).toMatchObject({ ok: true, senders: 3 });
    const db = await getDb();
    const lines = await db.migrationReportLine.findMany({
      where: { tenantId: ctx.tenantId },
      orderBy: { address: "asc" },
    });
    const pending = lines.find((l) => l.address === addresses.pending)!;
    expect(pending).toMatchObject({ messages: 20, auth: "basic", tls10Percent: 25.25, tls12Percent: 74.75 });
    expect(lines.find((l) => l.address === addresses.connected)).toMatchObject({
      messages: 1234,
      domain: "college.test",
    });
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: ctx.tenantId, action: "migration.report_imported" },
    });
    expect(audit.details).toMatchObject({ senders: 3 });
  });

  it("refuses a file with a bad line, says which, and imports nothing", async () => {
    const { ctx, addresses } = await setup();
    const file = exportFile([
      `college.test,${addresses.connected},5,0,0,100,Basic,EU`,
      `college.test,not-an-address,5,0,0,100,Basic,EU`,
      `college.test,${addresses.pending},many,0,0,100,Basic,EU`,
      `college.test,${addresses.missing},5,0,0,140,Basic,EU`,
    ]);
    const result = await importSmtpAuthReport(ctx, {
      text: file,
      fileName: "bad.csv",
      period: period(-7, -1),
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, key: "migration.errors.badAddress", vars: { value: "not-an-address" } },
        { line: 4, key: "migration.errors.badCount", vars: { value: "many" } },
        { line: 5, key: "migration.errors.badPercent" },
      ],
    });
    const db = await getDb();
    expect(await db.migrationImport.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
    expect(await db.migrationReportLine.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("refuses a file that is not the report", async () => {
    const { ctx } = await setup();
    const result = await importSmtpAuthReport(ctx, {
      text: "Name,Email\r\nA,a@b.test\r\n",
      fileName: "people.csv",
      period: period(-7, -1),
    });
    expect(result).toMatchObject({ ok: false, problems: [{ key: "migration.errors.missingColumns" }] });
  });
});

describe("the plan", () => {
  it("proposes for each sender what its mailbox needs and which relay listener its TLS needs", async () => {
    const { ctx, addresses } = await setup();
    const file = exportFile([
      `college.test,${addresses.connected},5,0,0,100,Basic,EU`,
      `college.test,${addresses.pending},5,80,20,0,Basic,EU`,
      `college.test,${addresses.missing},5,0,0,0,Basic,EU`,
      `college.test,${addresses.oauth},5,0,0,100,OAuth,EU`,
    ]);
    await importSmtpAuthReport(ctx, { text: file, fileName: "r.csv", period: period(-7, -1) });
    const plan = await getMigrationPlan(ctx);
    const row = (address: string) => plan.rows.find((r) => r.address === address)!;
    expect(row(addresses.connected)).toMatchObject({
      proposal: "connected",
      listener: "tls",
      status: "to_do",
    });
    expect(row(addresses.pending)).toMatchObject({
      proposal: "send_link",
      listener: "legacy",
      status: "to_do",
    });
    expect(row(addresses.missing)).toMatchObject({
      proposal: "create_mailbox",
      listener: "plain",
      status: "to_do",
    });
    expect(row(addresses.oauth)).toMatchObject({ status: "oauth" });
    expect(plan.totals).toMatchObject({ senders: 4, done: 1, to_do: 3 });
    expect(plan.imports).toEqual([expect.objectContaining({ senders: 4, onBasic: 3, onOauth: 1, moved: 0 })]);
  });

  it("acts on a ticked sender: creates its mailbox, mails a connect link and makes its relay credential, once", async () => {
    const { ctx, config, addresses } = await setup();
    await importSmtpAuthReport(ctx, {
      text: exportFile([`college.test,${addresses.missing},5,0,0,100,Basic,EU`]),
      fileName: "r.csv",
      period: period(-7, -1),
    });
    const steps = {
      createMailbox: true,
      sendLink: true,
      createCredential: true,
      clientConfigurationId: config.id,
    };
    const first = await migrateSender(ctx, { address: addresses.missing, ...steps });
    expect(first).toMatchObject({ mailbox: "done", link: "done", credential: "done", problem: null });
    expect(first.newCredential?.username).toMatch(/^relay-/);
    const db = await getDb();
    const mailbox = await db.mailbox.findFirstOrThrow({
      where: { tenantId: ctx.tenantId, address: addresses.missing },
    });
    expect(await db.capturedMail.count({ where: { to: addresses.missing } })).toBe(1);
    const credential = await db.relayCredential.findUniqueOrThrow({
      where: { id: first.newCredential!.id },
      include: { mailboxes: true },
    });
    expect(credential).toMatchObject({ fromPolicy: "fixed_keep_name", tenantId: ctx.tenantId });
    expect(credential.mailboxes.map((m) => m.mailboxId)).toEqual([mailbox.id]);
    const again = await migrateSender(ctx, { address: addresses.missing, ...steps });
    expect(again).toMatchObject({ mailbox: "already", credential: "already", newCredential: null });
    expect((await getMigrationPlan(ctx)).rows[0]).toMatchObject({ status: "waiting", proposal: "send_link" });
  });

  it("turns a sender to moved when its device sends through the relay, and mails the admins when it is back on Basic", async () => {
    const { ctx, admin, addresses } = await setup();
    await importSmtpAuthReport(ctx, {
      text: exportFile([`college.test,${addresses.connected},5,0,0,100,Basic,EU`]),
      fileName: "r1.csv",
      period: period(-14, -8),
    });
    const moved = await migrateSender(ctx, {
      address: addresses.connected,
      createCredential: true,
      createMailbox: false,
      sendLink: false,
    });
    const { username, password } = moved.newCredential!;
    const dialog = await SmtpDialog.connect(relay.port("tls"), { tls: true });
    await dialog.command("EHLO copier.lan");
    expect((await dialog.login(username, password)).code).toBe(235);
    await dialog.command("MAIL FROM:<scanner@copier.local>");
    await dialog.command("RCPT TO:<parent@example.org>");
    expect((await dialog.data("From: scanner@copier.local\r\nSubject: scan\r\n\r\nscan\r\n")).code).toBe(250);
    dialog.close();
    await expect.poll(async () => (await getMigrationPlan(ctx)).rows[0]?.status).toBe("moved");
    expect((await getMigrationPlan(ctx)).totals).toMatchObject({ senders: 1, done: 1, moved: 1 });

    // A report whose whole period is after the first use still lists it on Basic: the device was reset.
    const db = await getDb();
    await db.relayCredential.update({
      where: { id: moved.newCredential!.id },
      data: {
        createdAt: new Date(Date.now() - 12 * DAY),
        firstUsedAt: new Date(Date.now() - 10 * DAY),
        // Used again during the report's period: still, the report shows a password after the first use.
        lastUsedAt: new Date(Date.now() - 4 * DAY),
      },
    });
    const reimport = await importSmtpAuthReport(ctx, {
      text: exportFile([`college.test,${addresses.connected},2,0,0,100,Basic,EU`]),
      fileName: "r2.csv",
      period: period(-7, -1),
    });
    expect(reimport).toMatchObject({ ok: true, regressions: [addresses.connected] });
    expect((await getMigrationPlan(ctx)).rows[0]?.status).toBe("still_basic");
    const mail = readable(
      await db.capturedMail.findFirstOrThrow({
        where: { to: admin.email },
        orderBy: { createdAt: "desc" },
      }),
    );
    // The admin chose no language: the school's, French.
    expect(mail.subject).toContain("un appareil envoie de nouveau avec un mot de passe");
    expect(mail.text).toContain(addresses.connected);
    // Imported twice, mailed once per import.
    const count = await db.capturedMail.count({ where: { to: admin.email } });
    await importSmtpAuthReport(ctx, {
      text: exportFile([`college.test,${addresses.connected},2,0,0,100,Basic,EU`]),
      fileName: "r3.csv",
      period: period(-6, -1),
    });
    expect(await db.capturedMail.count({ where: { to: admin.email } })).toBe(count + 1);

    // A newer report no longer lists it: the device was set again, and the row says so.
    await importSmtpAuthReport(ctx, {
      text: exportFile([`college.test,other-${Date.now()}@college.test,2,0,0,100,Basic,EU`]),
      fileName: "r4.csv",
      period: period(-1, 0),
    });
    expect((await getMigrationPlan(ctx)).rows.find((r) => r.address === addresses.connected)?.status).toBe(
      "moved",
    );
  });
});

describe("isolation", () => {
  it("keeps a plan to its school: another school's admin sees none of it and cannot act on its senders", async () => {
    const { ctx, addresses } = await setup();
    await importSmtpAuthReport(ctx, {
      text: exportFile([`college.test,${addresses.connected},5,0,0,100,Basic,EU`]),
      fileName: "r.csv",
      period: period(-7, -1),
    });
    const other = await seedTenantWithPeople();
    const otherCtx = await contextFor(other.admin, other.tenant, "migration.write");
    expect((await getMigrationPlan(otherCtx)).rows).toEqual([]);
    await expect(
      migrateSender(otherCtx, {
        address: addresses.connected,
        createCredential: true,
        createMailbox: false,
        sendLink: false,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const member = await contextFor(other.member, other.tenant, "tenant.read");
    await expect(getMigrationPlan(member)).rejects.toMatchObject({ code: "forbidden" });
  });
});
