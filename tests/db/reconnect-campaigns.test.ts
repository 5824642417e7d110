import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashLinkToken } from "@/lib/auth/tokens";
import { campaignCsv } from "@/lib/campaigns/campaign-csv";
import { closeCampaign } from "@/lib/campaigns/close-campaign";
import { getCampaignReport } from "@/lib/campaigns/get-campaign-report";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { remindCampaignMembers } from "@/lib/campaigns/remind-campaign-members";
import { resendCampaign } from "@/lib/campaigns/resend-campaign";
import { sendCampaignLinks } from "@/lib/campaigns/send-campaign-links";
import { startCampaign } from "@/lib/campaigns/start-campaign";
import type { StartCampaignInput } from "@/lib/campaigns/campaign-schemas";
import { recordConnectLinkOpened } from "@/lib/connect-links/record-connect-link-opened";
import { resolveConnectLink } from "@/lib/connect-links/resolve-connect-link";
import { getDb } from "@/lib/db/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { auditDetailLines } from "@/lib/audit/audit-detail-lines";
import { createTranslator } from "@/lib/i18n/translate";
import { completeAuthorization } from "@/lib/oauth-flow/complete-authorization";
import { linkActor, personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { startAuthorization } from "@/lib/oauth-flow/start-authorization";
import { expectDomainError } from "../support/action-helpers";
import { readable } from "../support/captured-mail";
import { contextFor } from "../support/factories";
import {
  PORTAL_URL,
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
delete process.env.RELAIS_SMTP_URL;
const provider = useFakeProviders();

const DAY = 86_400_000;
const address = (name: string) => `${name}-${randomBytes(3).toString("hex")}@lycee.test`;

async function setState(id: string, state: ConnectionState, connectedAt: Date | null = null) {
  const db = await getDb();
  await db.mailbox.update({ where: { id }, data: { state, connectedAt } });
}

/**
 * A school at the fake Google with two mailboxes to reconnect, one pending,
 * one connected; and another school with a mailbox to reconnect too.
 */
async function schools() {
  const { fakes } = provider;
  const school = await seedSchoolAtFake(fakes, "google");
  const longAgo = new Date(Date.now() - 90 * DAY);
  const first = await seedFakeMailbox(fakes, school, address("accueil"));
  const second = await seedFakeMailbox(fakes, school, address("compta"));
  const pending = await seedFakeMailbox(fakes, school, address("nouveau"));
  const connected = await seedFakeMailbox(fakes, school, address("direction"));
  await setState(first.id, "needs_reconnect", longAgo);
  await setState(second.id, "needs_reconnect", longAgo);
  await setState(connected.id, "connected", longAgo);
  const other = await seedSchoolAtFake(fakes, "google");
  const foreign = await seedFakeMailbox(fakes, other, address("ailleurs"));
  await setState(foreign.id, "needs_reconnect", longAgo);
  const ctx = await contextFor(school.admin, school.tenant, "mailboxes.write");
  const otherCtx = await contextFor(other.admin, other.tenant, "mailboxes.write");
  return { school, ctx, other, otherCtx, first, second, pending, connected, foreign };
}

const input = (overrides: Partial<StartCampaignInput> = {}): StartCampaignInput => ({
  name: "Rentrée",
  channel: "mail",
  linkDays: 7,
  reminderDays: undefined,
  state: "needs_reconnect",
  ...overrides,
});

async function mailTo(to: string) {
  const db = await getDb();
  return (await db.capturedMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } })).map(readable);
}

function tokenIn(text: string): string {
  const match = new RegExp(`${PORTAL_URL}/connect/([A-Za-z0-9_-]+)`).exec(text);
  expect(match).not.toBeNull();
  return match![1]!;
}

/** The fake provider's login and consent pages, then the callback, as a browser would go through them. */
async function connectThrough(actor: FlowActor, mailbox: { id: string; address: string }) {
  const started = await startAuthorization(actor, mailbox.id, { returnTo: "/t/x/mailboxes" });
  const redirect = await authorizeThroughPages(new FormBrowser(), started.authorizationUrl, REDIRECT_URI, {
    email: mailbox.address,
  });
  const user =
    actor.kind === "person" ? { userId: actor.ctx.userId, email: actor.ctx.userEmail, ip: null } : null;
  return completeAuthorization({
    params: redirect.searchParams,
    browserBinding: started.browserBinding,
    user,
    ip: "198.51.100.4",
  });
}

async function started(
  ctx: Awaited<ReturnType<typeof schools>>["ctx"],
  overrides: Partial<StartCampaignInput> = {},
) {
  const campaign = await startCampaign(ctx, input(overrides));
  const sent = await sendCampaignLinks(ctx, {
    campaignId: campaign.id,
    ids: campaign.targets.map((t) => t.id),
  });
  return { ...campaign, sent };
}

const statusOf = (report: Awaited<ReturnType<typeof getCampaignReport>>, mailboxId: string) =>
  report.members.find((m) => m.mailboxId === mailboxId)?.status;

describe("a reconnect campaign from start to its report", () => {
  it("asks the matching mailboxes of this school only, records who opened and who reconnected by any path, and exports it", async () => {
    const { school, ctx, first, second, pending, connected, foreign } = await schools();
    const campaign = await startCampaign(ctx, input());
    // The filter's mailboxes of this school that are not connected: not the pending one, nor another school's.
    expect(campaign.targets.map((t) => t.id).sort()).toEqual([first.id, second.id].sort());
    const db = await getDb();
    expect(await db.reconnectCampaignMember.count({ where: { campaignId: campaign.id } })).toBe(2);

    let report = await getCampaignReport(ctx, campaign.id);
    expect(report.counts).toMatchObject({ total: 2, waiting: 2 });

    // The page sends the links part by part.
    const part1 = await sendCampaignLinks(ctx, { campaignId: campaign.id, ids: [first.id] });
    const part2 = await sendCampaignLinks(ctx, { campaignId: campaign.id, ids: [second.id] });
    expect([...part1.links, ...part2.links].map((l) => [l.address, l.mailed, l.url])).toEqual([
      [first.address, true, undefined],
      [second.address, true, undefined],
    ]);
    const [firstMail] = await mailTo(first.address);
    const [secondMail] = await mailTo(second.address);
    expect(firstMail?.subject).toBe(`Connectez la boîte mail ${first.address} pour ${school.tenant.name}`);
    expect(secondMail?.text).toContain(school.admin.email);
    expect(await mailTo(pending.address)).toEqual([]);
    expect(await mailTo(connected.address)).toEqual([]);
    expect(await mailTo(foreign.address)).toEqual([]);
    const firstToken = tokenIn(firstMail!.text);
    const secondToken = tokenIn(secondMail!.text);
    // Only the hash is kept.
    const links = await db.connectLink.findMany({ where: { tenantId: school.tenant.id } });
    expect(links.map((l) => l.tokenHash).sort()).toEqual(
      [hashLinkToken(firstToken), hashLinkToken(secondToken)].sort(),
    );

    report = await getCampaignReport(ctx, campaign.id);
    expect(report.counts).toMatchObject({ total: 2, asked: 2, opened: 0, reconnected: 0 });

    // The owner opens the page (twice): noted once, at the first opening.
    const resolved = await resolveConnectLink(firstToken);
    expect(resolved.state).toBe("valid");
    await recordConnectLinkOpened(resolved.link!, new Date(Date.now() - 60_000));
    await recordConnectLinkOpened(resolved.link!);
    report = await getCampaignReport(ctx, campaign.id);
    expect(statusOf(report, first.id)).toBe("opened");
    const openedAt = report.members.find((m) => m.mailboxId === first.id)!.openedAt!;
    expect(Date.now() - new Date(openedAt).getTime()).toBeGreaterThanOrEqual(60_000);

    // One owner connects through the campaign's link…
    expect(await connectThrough(await linkActor(firstToken, null), first)).toMatchObject({
      outcome: "connected",
      viaLink: true,
    });
    // …the other mailbox is reconnected by the admin from its own page, without the link.
    expect(
      await connectThrough(await personActor(actorOf(school.admin), school.tenant.slug), second),
    ).toMatchObject({ outcome: "connected" });
    const secondLink = await db.connectLink.findFirstOrThrow({
      where: { tokenHash: hashLinkToken(secondToken) },
    });
    expect(secondLink.usedAt).toBeNull();

    report = await getCampaignReport(ctx, campaign.id);
    expect(report.counts).toMatchObject({ total: 2, reconnected: 2, asked: 0, opened: 0 });
    expect(report.members.every((m) => m.reconnectedAt !== null)).toBe(true);
    expect(await listCampaigns(ctx)).toMatchObject([{ id: campaign.id, members: 2, reconnected: 2 }]);

    // The export: one line per mailbox, the same statuses and dates.
    const csv = campaignCsv(report).split("\r\n");
    expect(csv[0]).toBe(
      "address,owner,status,asked_at_utc,opened_at_utc,reconnected_at_utc,link_expires_at_utc,reminders_sent",
    );
    const firstLine = csv.find((line) => line.startsWith(first.address))!.split(",");
    expect(firstLine.slice(0, 3)).toEqual([first.address, first.address, "reconnected"]);
    expect(firstLine[4]).toBe(openedAt);
    expect(new Date(firstLine[5]!).getTime()).toBeGreaterThan(new Date(firstLine[3]!).getTime());
    expect(firstLine[7]).toBe("0");
    expect(csv.find((line) => line.startsWith(second.address))?.split(",")[4]).toBe("");
    expect(csv).toHaveLength(4); // header, two lines, and the empty string after the last CRLF

    // Recorded, with its words.
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: school.tenant.id, action: "reconnect_campaign.started" },
    });
    expect(audit).toMatchObject({ targetId: campaign.id, targetLabel: "Rentrée", actorId: school.admin.id });
    const t = createTranslator("en");
    const lines = auditDetailLines(
      t,
      { locale: "en-GB", timeZone: "Europe/Paris" },
      audit.action,
      audit.details,
    );
    // (The database keeps JSON keys in its own order.)
    expect(lines.map((l) => `${l.label}: ${l.value}`).sort()).toEqual([
      "Already connected, left out: 0",
      "How links reach owners: Mailed by Relais",
      "Links valid for (days): 7",
      "Mailboxes: 2",
      "Reminder every (days): No reminders",
      "State: Must be reconnected",
    ]);
  });

  it("says when a link expired, and when its mail could not be sent", async () => {
    const { ctx, first, second } = await schools();
    const campaign = await started(ctx, { linkDays: 1 });
    const db = await getDb();
    await db.connectLink.updateMany({
      where: { mailboxId: first.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    let report = await getCampaignReport(ctx, campaign.id);
    expect(statusOf(report, first.id)).toBe("expired");
    expect(statusOf(report, second.id)).toBe("asked");

    // The mail server refuses the connection: the resend's mail fails, and says so.
    process.env.RELAIS_SMTP_URL = "smtp://127.0.0.1:1";
    try {
      const part = await sendCampaignLinks(ctx, { campaignId: campaign.id, ids: [second.id] });
      expect(part.links).toMatchObject([{ address: second.address, mailed: false }]);
    } finally {
      delete process.env.RELAIS_SMTP_URL;
    }
    report = await getCampaignReport(ctx, campaign.id);
    expect(statusOf(report, second.id)).toBe("mail_failed");
    // Sent again successfully: asked again.
    await sendCampaignLinks(ctx, { campaignId: campaign.id, ids: [second.id] });
    report = await getCampaignReport(ctx, campaign.id);
    expect(statusOf(report, second.id)).toBe("asked");
  });

  it("hands the links over to copy when the school sends them itself, and mails nothing", async () => {
    const { ctx, first, second } = await schools();
    const campaign = await started(ctx, { channel: "copy", reminderDays: 3 });
    expect(campaign.sent.links.map((l) => l.address)).toEqual([first.address, second.address].sort());
    expect(await mailTo(first.address)).toEqual([]);
    const url = campaign.sent.links[0]!.url!;
    expect(url.startsWith(`${PORTAL_URL}/connect/`)).toBe(true);
    const token = url.slice(`${PORTAL_URL}/connect/`.length);
    expect((await resolveConnectLink(token)).state).toBe("valid");
    const db = await getDb();
    const stored = await db.reconnectCampaign.findUniqueOrThrow({ where: { id: campaign.id } });
    // No reminders for links the school hands over itself.
    expect(stored.reminderDays).toBeNull();
    const rows = await db.connectLink.findMany({ where: { mailboxId: { in: [first.id, second.id] } } });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.every((row) => row.sentTo === null)).toBe(true);
  });
});

describe("reminders", () => {
  it("re-mails a new link to those not reconnected once per interval, never twice at once, none once closed", async () => {
    const { ctx, first, second } = await schools();
    const t0 = Date.now();
    const campaign = await started(ctx, { reminderDays: 2 });
    // The second mailbox reconnects by another path: nobody reminds it.
    await setState(second.id, "connected", new Date());

    expect(await remindCampaignMembers({ now: new Date(t0 + DAY) })).toBe(0);
    expect(await mailTo(first.address)).toHaveLength(1);

    // Two workers at the same moment, once the interval has passed: one reminder.
    const due = new Date(t0 + 2 * DAY + 60_000);
    const counts = await Promise.all([
      remindCampaignMembers({ now: due }),
      remindCampaignMembers({ now: due }),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const mails = await mailTo(first.address);
    expect(mails).toHaveLength(2);
    // The reminder says it is one, and that the first link no longer works.
    expect(mails[0]!.subject.startsWith("Rappel")).toBe(false);
    expect(mails[1]!.subject).toBe(
      `Rappel\u00a0: connectez la boîte mail ${first.address} pour ${ctx.tenantName}`,
    );
    expect(mails[1]!.text).toContain("Le lien du message précédent ne fonctionne plus");
    expect(await mailTo(second.address)).toHaveLength(1);
    // A new link: the first one no longer works, the new one does.
    expect((await resolveConnectLink(tokenIn(mails[0]!.text))).state).toBe("revoked");
    expect((await resolveConnectLink(tokenIn(mails[1]!.text))).state).toBe("valid");
    const db = await getDb();
    const member = await db.reconnectCampaignMember.findUniqueOrThrow({
      where: { campaignId_mailboxId: { campaignId: campaign.id, mailboxId: first.id } },
    });
    expect(member).toMatchObject({ remindersSent: 1, lastRemindedAt: due });

    // Again at the same moment, or a day later: not due.
    expect(await remindCampaignMembers({ now: due })).toBe(0);
    expect(await remindCampaignMembers({ now: new Date(due.getTime() + DAY) })).toBe(0);

    await closeCampaign(ctx, { campaignId: campaign.id });
    expect(await remindCampaignMembers({ now: new Date(due.getTime() + 10 * DAY) })).toBe(0);
    expect(await mailTo(first.address)).toHaveLength(2);
    const report = await getCampaignReport(ctx, campaign.id);
    expect(report.members.find((m) => m.mailboxId === first.id)?.remindersSent).toBe(1);
    expect(report.closedAt).not.toBeNull();
    // Closed: nothing more is sent for it.
    await expectDomainError(resendCampaign(ctx, { campaignId: campaign.id }), "conflict");
    await expectDomainError(sendCampaignLinks(ctx, { campaignId: campaign.id, ids: [first.id] }), "conflict");
  });
});

describe("sending again to the rest", () => {
  it("lists only those not reconnected, sends them new links, and records it", async () => {
    const { school, ctx, first, second } = await schools();
    const campaign = await started(ctx);
    await setState(first.id, "connected", new Date());
    const { targets } = await resendCampaign(ctx, { campaignId: campaign.id });
    expect(targets.map((t) => t.id)).toEqual([second.id]);
    const part = await sendCampaignLinks(ctx, { campaignId: campaign.id, ids: targets.map((t) => t.id) });
    expect(part.links).toMatchObject([{ address: second.address, mailed: true }]);
    const mails = await mailTo(second.address);
    expect(mails).toHaveLength(2);
    expect((await resolveConnectLink(tokenIn(mails[0]!.text))).state).toBe("revoked");
    expect(await mailTo(first.address)).toHaveLength(1);
    // A reconnected member given in a part gets nothing.
    const again = await sendCampaignLinks(ctx, { campaignId: campaign.id, ids: [first.id] });
    expect(again).toEqual({ links: [], alreadyReconnected: 1 });
    const db = await getDb();
    const audit = await db.auditEntry.findMany({
      where: { tenantId: school.tenant.id, action: { startsWith: "reconnect_campaign." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => [e.action, e.details])).toEqual([
      ["reconnect_campaign.started", expect.anything()],
      ["reconnect_campaign.resent", { mailboxes: 1 }],
    ]);
  });
});

describe("who may run a campaign", () => {
  it("refuses a member who is not an admin", async () => {
    const { school } = await schools();
    await expectDomainError(contextFor(school.member, school.tenant, "mailboxes.write"), "forbidden");
    const memberCtx = await contextFor(school.member, school.tenant, "tenant.read");
    await expectDomainError(startCampaign(memberCtx, input()), "forbidden");
    await expectDomainError(listCampaigns(memberCtx), "forbidden");
  });

  it("never reaches another school's campaign or mailboxes", async () => {
    const { ctx, otherCtx, first, foreign } = await schools();
    const campaign = await started(ctx);
    await expectDomainError(getCampaignReport(otherCtx, campaign.id), "not_found");
    await expectDomainError(resendCampaign(otherCtx, { campaignId: campaign.id }), "not_found");
    await expectDomainError(closeCampaign(otherCtx, { campaignId: campaign.id }), "not_found");
    await expectDomainError(
      sendCampaignLinks(otherCtx, { campaignId: campaign.id, ids: [first.id] }),
      "not_found",
    );
    // Its own campaign, with the first school's mailbox among the ids: refused.
    const own = await startCampaign(otherCtx, input());
    await expectDomainError(
      sendCampaignLinks(otherCtx, { campaignId: own.id, ids: [foreign.id, first.id] }),
      "not_found",
    );
    expect(await listCampaigns(otherCtx)).toMatchObject([{ id: own.id, members: 1 }]);
    expect(await mailTo(foreign.address)).toEqual([]);
  });
});
