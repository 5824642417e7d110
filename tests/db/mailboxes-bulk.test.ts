import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { bulkChangeConfiguration } from "@/lib/mailboxes/bulk/bulk-change-configuration";
import { countBulkTargets, resolveBulkTargets } from "@/lib/mailboxes/bulk/resolve-bulk-targets";
import { runBulkAction } from "@/lib/mailboxes/bulk/run-bulk-action";
import { refreshTokenAad } from "@/lib/tokens/token-aad";
import { contextFor, seedMember, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();
delete process.env.RELAIS_SMTP_URL;
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

async function school() {
  const people = await seedTenantWithPeople();
  const google = await seedClientConfiguration(people.tenant.id, { provider: "google" });
  const microsoft = await seedClientConfiguration(people.tenant.id, { provider: "microsoft" });
  const ctx = await contextFor(people.admin, people.tenant, "mailboxes.write");
  const pending = await seedMailbox(people.tenant.id, google.id, { address: "pending@s.test" });
  const connected = await seedMailbox(people.tenant.id, google.id, {
    address: "connected@s.test",
    state: "connected",
  });
  const broken = await seedMailbox(people.tenant.id, google.id, {
    address: "broken@s.test",
    state: "needs_reconnect",
  });
  const other = await seedMailbox(people.tenant.id, microsoft.id, {
    address: "other@s.test",
    state: "connected",
  });
  return { ...people, ctx, google, microsoft, pending, connected, broken, other };
}

const auditFor = async (tenantId: string, action: string) =>
  (await getDb()).auditEntry.findMany({ where: { tenantId, action }, select: { targetId: true } });

describe("bulk actions", () => {
  it("counts a filter exactly as the list does, and a selection by its ids", async () => {
    const s = await school();
    const outsider = await seedTenantWithPeople();
    const otherConfig = await seedClientConfiguration(outsider.tenant.id, { provider: "google" });
    await seedMailbox(outsider.tenant.id, otherConfig.id, { address: "pending2@s.test" });
    expect(await countBulkTargets(s.ctx, { scope: "filter", provider: "google" })).toBe(3);
    expect(await countBulkTargets(s.ctx, { scope: "filter", q: "pending" })).toBe(1);
    expect(await countBulkTargets(s.ctx, { scope: "selection", ids: [s.pending.id, s.broken.id] })).toBe(2);
  });

  it("sends links to a filter's mailboxes, skipping connected ones, one audit entry per mailbox", async () => {
    const s = await school();
    const report = await runBulkAction(s.ctx, {
      scope: "filter",
      provider: "google",
      action: "connect_links",
      expiresInDays: 7,
    });
    expect(report.done.map((m) => m.address).sort()).toEqual(["broken@s.test", "pending@s.test"]);
    expect(report.skipped).toEqual([
      { id: s.connected.id, address: "connected@s.test", reason: "already_connected" },
    ]);
    const db = await getDb();
    expect(await db.connectLink.count({ where: { tenantId: s.tenant.id } })).toBe(2);
    expect((await auditFor(s.tenant.id, "connect_link.created")).map((a) => a.targetId).sort()).toEqual(
      [s.pending.id, s.broken.id].sort(),
    );
  });

  it("revokes a selection, skipping what holds no connection", async () => {
    const s = await school();
    const report = await runBulkAction(s.ctx, {
      scope: "selection",
      ids: [s.connected.id, s.pending.id],
      action: "revoke",
    });
    expect(report.done.map((m) => m.id)).toEqual([s.connected.id]);
    expect(report.skipped).toEqual([
      { id: s.pending.id, address: "pending@s.test", reason: "nothing_to_revoke" },
    ]);
    const db = await getDb();
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: s.connected.id } })).state).toBe("revoked");
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: s.other.id } })).state).toBe("connected");
    expect(await auditFor(s.tenant.id, "mailbox.revoked")).toEqual([{ targetId: s.connected.id }]);
  });

  it("assigns members to every mailbox of a filter and moves a selection to another configuration", async () => {
    const s = await school();
    const second = await seedMember(s.tenant.id, "member");
    await getDb().then((db) =>
      db.mailboxAssignment.create({
        data: { tenantId: s.tenant.id, mailboxId: s.pending.id, userId: s.member.id },
      }),
    );
    const assigned = await runBulkAction(s.ctx, {
      scope: "filter",
      q: "pending",
      action: "assign",
      members: [s.member.id],
    });
    expect(assigned).toEqual({
      done: [],
      skipped: [{ id: s.pending.id, address: "pending@s.test", reason: "already_assigned" }],
    });
    const all = await runBulkAction(s.ctx, { scope: "filter", action: "assign", members: [second.id] });
    expect(all.done).toHaveLength(4);
    expect(await auditFor(s.tenant.id, "mailbox.members_changed")).toHaveLength(4);
    const db = await getDb();
    expect(await db.mailboxAssignment.count({ where: { tenantId: s.tenant.id, userId: second.id } })).toBe(4);

    // The grant given to the old client is withdrawn at its provider: queued here (nothing is contacted).
    await db.clientConfiguration.update({
      where: { id: s.google.id },
      data: { revocationEndpoint: "http://127.0.0.1:9/revoke" },
    });
    await db.mailbox.update({
      where: { id: s.connected.id },
      data: { refreshTokenCipher: encryptSecret("rt-connected", refreshTokenAad(s.connected.id)) },
    });
    const moved = await runBulkAction(s.ctx, {
      scope: "selection",
      ids: [s.connected.id, s.other.id],
      action: "change_configuration",
      clientConfigurationId: s.microsoft.id,
    });
    expect(
      await db.pendingRevocation.findMany({
        where: { tenantId: s.tenant.id },
        select: { mailboxId: true, clientConfigurationId: true, tokenTypeHint: true, endpoint: true },
      }),
    ).toEqual([
      {
        mailboxId: s.connected.id,
        clientConfigurationId: s.google.id,
        tokenTypeHint: "refresh_token",
        endpoint: "http://127.0.0.1:9/revoke",
      },
    ]);
    const [entry] = await db.auditEntry.findMany({
      where: { tenantId: s.tenant.id, action: "mailbox.updated" },
      select: { details: true },
    });
    expect(entry?.details).toMatchObject({ bulk: true, providerRevocation: "requested" });
    expect(moved.done.map((m) => m.id)).toEqual([s.connected.id]);
    expect(moved.skipped.map((m) => m.reason)).toEqual(["same_configuration"]);
    const after = await db.mailbox.findUniqueOrThrow({ where: { id: s.connected.id } });
    expect(after).toMatchObject({
      state: "pending",
      clientConfigurationId: s.microsoft.id,
      refreshTokenCipher: null,
    });
    expect(await auditFor(s.tenant.id, "mailbox.updated")).toEqual([{ targetId: s.connected.id }]);
  });

  it("moves what is there when it runs: a mailbox deleted or moved after the list was read is judged as it is now", async () => {
    const s = await school();
    const targets = await resolveBulkTargets(s.ctx, {
      scope: "selection",
      ids: [s.pending.id, s.broken.id, s.connected.id],
    });
    const db = await getDb();
    await db.mailbox.delete({ where: { id: s.broken.id } });
    // Moved (and reconnected) meanwhile: already where the bulk move sends it, its connection is kept.
    await db.mailbox.update({
      where: { id: s.connected.id },
      data: { clientConfigurationId: s.microsoft.id },
    });

    const moved = await bulkChangeConfiguration(s.ctx, targets, s.microsoft.id);

    expect(moved).toEqual({
      done: [{ id: s.pending.id, address: "pending@s.test" }],
      skipped: [{ id: s.connected.id, address: "connected@s.test", reason: "same_configuration" }],
    });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: s.connected.id } })).toMatchObject({
      state: "connected",
    });
    expect(await auditFor(s.tenant.id, "mailbox.updated")).toEqual([{ targetId: s.pending.id }]);
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: s.pending.id } })).toMatchObject({
      clientConfigurationId: s.microsoft.id,
    });
  });

  it("refuses a selection holding another tenant's mailbox and changes nothing", async () => {
    const s = await school();
    const b = await seedTenantWithPeople();
    const bConfig = await seedClientConfiguration(b.tenant.id);
    const bMailbox = await seedMailbox(b.tenant.id, bConfig.id, { state: "connected" });
    await expect(
      runBulkAction(s.ctx, { scope: "selection", ids: [s.connected.id, bMailbox.id], action: "revoke" }),
    ).rejects.toMatchObject({ code: "not_found" });
    const db = await getDb();
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: s.connected.id } })).state).toBe("connected");
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: bMailbox.id } })).state).toBe("connected");
  });
});
