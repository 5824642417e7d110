import { randomBytes } from "node:crypto";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { createTranslator } from "@/lib/i18n/translate";
import { completeAuthorization } from "@/lib/oauth-flow/complete-authorization";
import { personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { preflightAfterConnect } from "@/lib/oauth-flow/preflight-after-connect";
import { pollDeviceAuthorization } from "@/lib/oauth-flow/poll-device-authorization";
import { startAuthorization } from "@/lib/oauth-flow/start-authorization";
import { startDeviceAuthorization } from "@/lib/oauth-flow/start-device-authorization";
import { storedPreflight, preflightWords } from "@/lib/preflight/preflight-words";
import { storePreflight } from "@/lib/preflight/store-preflight";
import {
  REDIRECT_URI,
  actorOf,
  seedFakeMailbox,
  seedSchoolAtFake,
  setOAuthFlowEnvironment,
  useFakeProviders,
} from "../support/oauth-flow-fixtures";
import { useTestDatabase } from "../support/test-db";
import { FormBrowser, authorizeThroughPages } from "../unit/fakes/form-browser";

setOAuthFlowEnvironment();
useTestDatabase();
const provider = useFakeProviders();
const en = createTranslator("en");

const address = (name: string) => `${name}-${randomBytes(3).toString("hex")}@college.test`;

type School = Awaited<ReturnType<typeof seedSchoolAtFake>>;

async function connectInBrowser(school: School, mailboxId: string, email: string) {
  const actor: FlowActor = await personActor(actorOf(school.admin), school.tenant.slug);
  const started = await startAuthorization(actor, mailboxId, { returnTo: "/t/x/mailboxes" });
  const redirect = await authorizeThroughPages(new FormBrowser(), started.authorizationUrl, REDIRECT_URI, {
    email,
  });
  return completeAuthorization({
    params: redirect.searchParams,
    browserBinding: started.browserBinding,
    user: { userId: school.admin.id, email: school.admin.email, ip: null },
    ip: "198.51.100.4",
  });
}

async function mailboxRow(id: string) {
  return (await getDb()).mailbox.findUniqueOrThrow({ where: { id } });
}

describe("the preflight right after a connect", () => {
  it("finds SMTP AUTH switched off (5.7.139) before any mail, in the browser flow", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "microsoft");
    const mailbox = await seedFakeMailbox(fakes, school, address("accueil"));
    fakes.control.disableSmtpAuth(mailbox.address);
    const sent = fakes.control.messages().length;

    const result = await connectInBrowser(school, mailbox.id, mailbox.address);

    // The id_token proved the account: the connection stands, and the check says what will fail.
    expect(result).toMatchObject({ outcome: "connected" });
    const row = await mailboxRow(mailbox.id);
    expect(row.state).toBe("connected");
    expect(row.lastPreflightAt).not.toBeNull();
    const stored = storedPreflight(row.lastPreflight);
    expect(stored!.trigger).toBe("connect");
    expect(stored!.steps.map((s) => [s.step, s.status])).toEqual([
      ["token", "passed"],
      ["scopes", "passed"],
      ["smtp", "failed"],
    ]);
    const smtp = preflightWords(en, stored!)[2]!;
    expect(smtp).toMatchObject({
      result: en("mailboxes.health.smtpAuthDisabled"),
      fix: en("mailboxes.smtpAuthOff.body"),
    });
    expect(smtp.code).toContain("5.7.139");
    expect(fakes.control.messages()).toHaveLength(sent);
    const audit = await (
      await getDb()
    ).auditEntry.findFirstOrThrow({
      where: { action: "mailbox.preflight", targetId: mailbox.id },
    });
    expect(audit).toMatchObject({ actorId: school.admin.id });
    expect(audit.details).toMatchObject({
      trigger: "connect",
      steps: { smtp: expect.stringMatching(/^failed: .*5\.7\.139/) },
    });
  });

  it("keeps a passing check after a device-code connect", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "microsoft");
    const mailbox = await seedFakeMailbox(fakes, school, address("vie-scolaire"));
    const actor: FlowActor = await personActor(actorOf(school.admin), school.tenant.slug);
    const { id } = await startDeviceAuthorization(actor, mailbox.id);
    const db = await getDb();
    const grant = await db.deviceAuthorization.findUniqueOrThrow({ where: { id } });
    await fakes.control.approveDevice(grant.userCode, mailbox.address);

    const view = await pollDeviceAuthorization(actor, id, {
      now: new Date(grant.createdAt.getTime() + 5_000),
    });

    expect(view).toMatchObject({ status: "approved", result: { outcome: "connected" } });
    const stored = storedPreflight((await mailboxRow(mailbox.id)).lastPreflight);
    expect(stored).toMatchObject({ trigger: "connect" });
    expect(stored!.steps.map((s) => s.status)).toEqual(["passed", "passed", "passed"]);
  });

  it("runs no check when the connection lacks the sending permission", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("cantine"));
    const actor: FlowActor = await personActor(actorOf(school.admin), school.tenant.slug);
    const started = await startAuthorization(actor, mailbox.id, { returnTo: "/t/x/mailboxes" });
    const redirect = await authorizeThroughPages(new FormBrowser(), started.authorizationUrl, REDIRECT_URI, {
      email: mailbox.address,
      untick: ["https://mail.google.com/"],
    });
    const result = await completeAuthorization({
      params: redirect.searchParams,
      browserBinding: started.browserBinding,
      user: { userId: school.admin.id, email: school.admin.email, ip: null },
      ip: null,
    });

    expect(result).toMatchObject({ outcome: "insufficient_scope" });
    expect((await mailboxRow(mailbox.id)).lastPreflightAt).toBeNull();
  });

  it("answers the connect without waiting for a slow provider, and keeps the check's outcome when it ends", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "microsoft");
    const mailbox = await seedFakeMailbox(fakes, school, address("secretariat"));
    expect(await connectInBrowser(school, mailbox.id, mailbox.address)).toMatchObject({
      outcome: "connected",
    });
    // An SMTP server that accepts and says nothing until it is let go (then hangs up).
    const held: net.Socket[] = [];
    let reached = () => {};
    const connected = new Promise<void>((resolve) => (reached = resolve));
    const silent = net.createServer((socket) => {
      held.push(socket);
      reached();
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const db = await getDb();
    try {
      await db.clientConfiguration.update({
        where: { id: school.configurationId },
        data: { smtpHost: "127.0.0.1", smtpPort: (silent.address() as net.AddressInfo).port },
      });
      await db.mailbox.update({
        where: { id: mailbox.id },
        data: { lastPreflightAt: null, lastPreflight: Prisma.DbNull },
      });
      const actor = await personActor(actorOf(school.admin), school.tenant.slug);

      const report = await preflightAfterConnect(actor, mailbox, { inlineMs: 200 });

      // The person's page comes while the check waits on the server: nothing kept yet.
      expect(report).toBeNull();
      await connected;
      expect((await mailboxRow(mailbox.id)).lastPreflightAt).toBeNull();
      for (const socket of held) socket.destroy();
      let row = await mailboxRow(mailbox.id);
      for (let tries = 0; row.lastPreflightAt === null && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await mailboxRow(mailbox.id);
      }
      const stored = storedPreflight(row.lastPreflight);
      expect(stored).toMatchObject({ trigger: "connect" });
      expect(stored!.steps.map((step) => [step.step, step.status])).toEqual([
        ["token", "passed"],
        ["scopes", "passed"],
        ["smtp", "failed"],
      ]);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("keeps a late check only if nothing newer was kept meanwhile and the mailbox is still connected", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "google");
    const mailbox = await seedFakeMailbox(fakes, school, address("cdi"));
    const db = await getDb();
    const actor = actorOf(school.admin);
    const by = { ...actor, tenantId: school.tenant.id };
    const report = {
      mailboxId: mailbox.id,
      address: mailbox.address,
      transport: "smtp" as const,
      steps: [],
    };
    const startedAt = new Date(Date.now() - 60_000);
    const late = () => db.$transaction((tx) => storePreflight(tx, by, report, "connect", { startedAt }));
    // Not connected (revoked, or never): nothing kept.
    expect(await late()).toBe(false);
    // Connected, but the button's check was kept after this one started: nothing kept either.
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { state: "connected", lastPreflightAt: new Date(Date.now() - 1_000) },
    });
    expect(await late()).toBe(false);
    expect(await db.auditEntry.count({ where: { targetId: mailbox.id, action: "mailbox.preflight" } })).toBe(
      0,
    );
    // Only an older one: this one is the newest, kept and audited.
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { lastPreflightAt: new Date(Date.now() - 120_000) },
    });
    expect(await late()).toBe(true);
    expect(await db.auditEntry.count({ where: { targetId: mailbox.id, action: "mailbox.preflight" } })).toBe(
      1,
    );
  });
});
