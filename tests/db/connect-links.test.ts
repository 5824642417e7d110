import { describe, expect, it } from "vitest";
import { hashLinkToken, newLinkToken } from "@/lib/auth/tokens";
import { createConnectLinks } from "@/lib/connect-links/create-connect-links";
import { listConnectLinks } from "@/lib/connect-links/list-connect-links";
import { resolveConnectLink } from "@/lib/connect-links/resolve-connect-link";
import { revokeConnectLink } from "@/lib/connect-links/revoke-connect-link";
import { getDb } from "@/lib/db/client";
import { contextFor, seedTenantWithPeople, seedUser } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";
import { readable } from "../support/captured-mail";

useTestDatabase();
delete process.env.RELAIS_SMTP_URL;
process.env.NEXTAUTH_URL = "https://relais.example.test/";

const DAY = 24 * 60 * 60 * 1000;
// What a reader of each language sees of a moment in Paris, written independently of the code under test.
const inParis = (locale: string, date: Date) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" })
    .format(date)
    .replace(/\s/g, " ");
const plain = (text: string) => text.replace(/\s/g, " ");

async function school() {
  const people = await seedTenantWithPeople();
  const configuration = await seedClientConfiguration(people.tenant.id, {
    name: "Microsoft",
    provider: "microsoft",
  });
  const mailbox = await seedMailbox(people.tenant.id, configuration.id, {
    address: `office-${people.tenant.slug}@lycee.test`,
  });
  const ctx = await contextFor(people.admin, people.tenant, "mailboxes.write");
  return { ...people, configuration, mailbox, ctx };
}

async function mailTo(address: string) {
  const db = await getDb();
  return (await db.capturedMail.findMany({ where: { to: address }, orderBy: { createdAt: "asc" } })).map(
    readable,
  );
}

function tokenIn(text: string): string {
  const match = /https:\/\/relais\.example\.test\/connect\/([A-Za-z0-9_-]+)/.exec(text);
  expect(match).not.toBeNull();
  return match![1]!;
}

/** A link row written directly, for states that take time or another engineer's flow to reach. */
async function seedLink(
  tenantId: string,
  mailboxId: string,
  dates: { expiresAt?: Date; usedAt?: Date; revokedAt?: Date } = {},
) {
  const { token, tokenHash } = newLinkToken();
  const db = await getDb();
  const link = await db.connectLink.create({
    data: {
      tenantId,
      mailboxId,
      tokenHash,
      expiresAt: dates.expiresAt ?? new Date(Date.now() + DAY),
      ...dates,
    },
  });
  return { token, link };
}

describe("creating connect links", () => {
  it("stores only the hash, mails the link to the mailbox in the school's language, and records it", async () => {
    const { ctx, tenant, admin, mailbox } = await school();
    const result = await createConnectLinks(ctx, { ids: [mailbox.id], expiresInDays: 3 });
    expect(result.links).toEqual([
      { connectLinkId: expect.any(String), mailboxId: mailbox.id, address: mailbox.address, mailed: true },
    ]);
    const [mail] = await mailTo(mailbox.address);
    expect(mail?.subject).toBe(`Connectez la boîte mail ${mailbox.address} pour ${tenant.name}`);
    expect(mail?.text).toContain(admin.email);
    expect(mail?.text).toContain("pendant 3 jours");
    const token = tokenIn(mail!.text);

    const db = await getDb();
    const row = await db.connectLink.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(row.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({
      mailboxId: mailbox.id,
      createdById: admin.id,
      sentTo: mailbox.address,
      usedAt: null,
    });
    // The owner has no account: the school's language, its end in the school's zone, named.
    expect(plain(mail!.text)).toContain(
      `pendant 3 jours, jusqu’au ${inParis("fr-FR", row.expiresAt)} (fuseau Europe/Paris).`,
    );
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(3 * DAY - 60_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThan(3 * DAY + 60_000);
    const audit = await db.auditEntry.findMany({ where: { tenantId: tenant.id } });
    expect(audit.map((e) => [e.action, e.targetLabel])).toEqual([["connect_link.created", mailbox.address]]);
    expect(JSON.stringify(audit.map((e) => e.details))).not.toContain(token);
  });

  it("is in the language of the owner's account when it chose one", async () => {
    const { ctx, tenant, mailbox } = await school();
    await seedUser({ email: mailbox.address, locale: "en" });
    await createConnectLinks(ctx, { ids: [mailbox.id], expiresInDays: 7 });
    const [mail] = await mailTo(mailbox.address);
    const row = await (await getDb()).connectLink.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(mail?.subject).toBe(`Connect the mailbox ${mailbox.address} for ${tenant.name}`);
    expect(plain(mail!.text)).toContain(
      `for 7 days, until ${inParis("en-GB", row.expiresAt)} (Europe/Paris time).`,
    );
  });

  it("revokes the older unused link of the same mailbox, but not a used one", async () => {
    const { ctx, tenant, mailbox } = await school();
    const used = await seedLink(tenant.id, mailbox.id, { usedAt: new Date() });
    await createConnectLinks(ctx, { ids: [mailbox.id], expiresInDays: 7 });
    await createConnectLinks(ctx, { ids: [mailbox.id], expiresInDays: 7 });
    const [first, second] = (await mailTo(mailbox.address)).map((m) => tokenIn(m.text));
    expect((await resolveConnectLink(first!)).state).toBe("revoked");
    expect((await resolveConnectLink(second!)).state).toBe("valid");
    expect((await resolveConnectLink(used.token)).state).toBe("used");
    const states = (await listConnectLinks(ctx, { mailboxId: mailbox.id })).map((l) => l.state);
    expect(states.sort()).toEqual(["revoked", "used", "valid"]);
  });

  it("sends one link per selected mailbox", async () => {
    const { ctx, tenant, configuration, mailbox } = await school();
    const second = await seedMailbox(tenant.id, configuration.id);
    const result = await createConnectLinks(ctx, {
      ids: [mailbox.id, second.id, mailbox.id],
      expiresInDays: 7,
    });
    expect(result.links.map((l) => l.address).sort()).toEqual([mailbox.address, second.address].sort());
    expect(await mailTo(second.address)).toHaveLength(1);
    expect(await mailTo(mailbox.address)).toHaveLength(1);
  });
});

describe("resolving a connect link", () => {
  it("gives the pinned mailbox for a valid link", async () => {
    const { ctx, tenant, configuration, mailbox } = await school();
    await createConnectLinks(ctx, { ids: [mailbox.id], expiresInDays: 7 });
    const token = tokenIn((await mailTo(mailbox.address))[0]!.text);
    const db = await getDb();
    const row = await db.connectLink.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(await resolveConnectLink(token)).toEqual({
      state: "valid",
      link: {
        id: row.id,
        tenantId: tenant.id,
        tenantSlug: tenant.slug,
        tenantName: tenant.name,
        mailboxId: mailbox.id,
        mailboxAddress: mailbox.address,
        clientConfigurationId: configuration.id,
        provider: "microsoft",
      },
    });
  });

  it("answers expired, used, revoked and unknown without the mailbox", async () => {
    const { tenant, mailbox } = await school();
    const expired = await seedLink(tenant.id, mailbox.id, { expiresAt: new Date(Date.now() - 1000) });
    const used = await seedLink(tenant.id, mailbox.id, { usedAt: new Date() });
    const revoked = await seedLink(tenant.id, mailbox.id, { revokedAt: new Date() });
    expect(await resolveConnectLink(expired.token)).toEqual({ state: "expired", tenantName: tenant.name });
    expect(await resolveConnectLink(used.token)).toEqual({ state: "used", tenantName: tenant.name });
    expect(await resolveConnectLink(revoked.token)).toEqual({ state: "revoked", tenantName: tenant.name });
    expect(await resolveConnectLink(newLinkToken().token)).toEqual({ state: "unknown" });
    expect(await resolveConnectLink("")).toEqual({ state: "unknown" });
    expect(await resolveConnectLink("x".repeat(5000))).toEqual({ state: "unknown" });
  });

  it("answers unknown for a link of a suspended school", async () => {
    const { tenant, mailbox } = await school();
    const { token } = await seedLink(tenant.id, mailbox.id);
    const db = await getDb();
    await db.tenant.update({ where: { id: tenant.id }, data: { suspendedAt: new Date() } });
    expect(await resolveConnectLink(token)).toEqual({ state: "unknown" });
  });
});

describe("revoking a connect link", () => {
  it("revokes an unused link and records it", async () => {
    const { ctx, tenant, mailbox } = await school();
    const { token, link } = await seedLink(tenant.id, mailbox.id);
    expect(await revokeConnectLink(ctx, { id: link.id })).toEqual({ address: mailbox.address });
    expect((await resolveConnectLink(token)).state).toBe("revoked");
    const db = await getDb();
    const audit = await db.auditEntry.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(audit).toMatchObject({ action: "connect_link.revoked", details: { connectLinkId: link.id } });
  });

  it("refuses a used or already revoked link, leaving it as it was", async () => {
    const { ctx, tenant, mailbox } = await school();
    const usedAt = new Date(Date.now() - 5000);
    const used = await seedLink(tenant.id, mailbox.id, { usedAt });
    const revoked = await seedLink(tenant.id, mailbox.id, { revokedAt: usedAt });
    for (const { link } of [used, revoked]) {
      await expect(revokeConnectLink(ctx, { id: link.id })).rejects.toMatchObject({
        code: "conflict",
        messageKey: "mailboxes.connectLinks.notRevocable",
      });
    }
    const db = await getDb();
    expect(await db.connectLink.findUniqueOrThrow({ where: { id: used.link.id } })).toMatchObject({
      usedAt,
      revokedAt: null,
    });
    expect(await db.auditEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

describe("listing connect links", () => {
  it("names who created each link, per mailbox and for the whole tenant", async () => {
    const { ctx, tenant, admin, configuration, mailbox } = await school();
    const other = await seedMailbox(tenant.id, configuration.id);
    await createConnectLinks(ctx, { ids: [mailbox.id, other.id], expiresInDays: 7 });
    const all = await listConnectLinks(ctx);
    expect(all).toHaveLength(2);
    expect(all.every((l) => l.createdBy === admin.email && l.state === "valid")).toBe(true);
    const one = await listConnectLinks(ctx, { mailboxId: other.id });
    expect(one.map((l) => l.address)).toEqual([other.address]);
  });
});
