import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listMailboxes, mailboxCountCap } from "@/lib/mailboxes/list-mailboxes";
import { parseMailboxListQuery, mailboxListQueryString } from "@/lib/mailboxes/mailbox-list-query";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

describe("the mailbox table's query", () => {
  it("filters by configuration, provider and member, sorts and pages in the database", async () => {
    const { tenant, admin, member } = await seedTenantWithPeople();
    const other = await seedTenantWithPeople();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    const microsoft = await seedClientConfiguration(tenant.id, { provider: "microsoft" });
    const db = await getDb();
    await seedMailbox(tenant.id, google.id, { address: "c@s.test", displayName: "Alpha" });
    const b = await seedMailbox(tenant.id, microsoft.id, {
      address: "b@s.test",
      displayName: "Charlie",
      assignedTo: [member.id],
    });
    await seedMailbox(tenant.id, microsoft.id, { address: "a@s.test", displayName: "Bravo" });
    await db.mailbox.update({ where: { id: b.id }, data: { lastUsedAt: new Date() } });
    const otherConfig = await seedClientConfiguration(other.tenant.id, { provider: "microsoft" });
    await seedMailbox(other.tenant.id, otherConfig.id, {
      address: "b2@s.test",
      assignedTo: [other.member.id],
    });
    const ctx = await contextFor(admin, tenant, "mailboxes.read");
    const addresses = async (query: Parameters<typeof listMailboxes>[1]) =>
      (await listMailboxes(ctx, query)).mailboxes.map((m) => m.address);

    expect(await addresses({ page: 1, provider: "microsoft" })).toEqual(["a@s.test", "b@s.test"]);
    expect(await addresses({ page: 1, configurationId: google.id })).toEqual(["c@s.test"]);
    expect(await addresses({ page: 1, memberId: member.id })).toEqual(["b@s.test"]);
    expect(await addresses({ page: 1, memberId: other.member.id })).toEqual([]);
    expect(await addresses({ page: 1, configurationId: otherConfig.id })).toEqual([]);
    expect(await addresses({ page: 1, sort: "name" })).toEqual(["c@s.test", "a@s.test", "b@s.test"]);
    expect(await addresses({ page: 1, sort: "address", dir: "desc" })).toEqual([
      "c@s.test",
      "b@s.test",
      "a@s.test",
    ]);
    expect(await addresses({ page: 1, sort: "lastUsed" })).toEqual(["b@s.test", "a@s.test", "c@s.test"]);

    await db.mailbox.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        tenantId: tenant.id,
        clientConfigurationId: google.id,
        address: `z${String(i).padStart(2, "0")}@s.test`,
      })),
    });
    // A page in the second half is read backwards: the same rows as reading forwards.
    for (const sort of ["address", "lastUsed", "expiry"] as const) {
      const everything = await addresses({ page: 1, pageSize: 100, sort, dir: "desc" });
      const paged = [
        ...(await addresses({ page: 1, pageSize: 25, sort, dir: "desc" })),
        ...(await addresses({ page: 2, pageSize: 25, sort, dir: "desc" })),
      ];
      expect(paged).toEqual(everything);
    }
    const second = await listMailboxes(ctx, { page: 2, pageSize: 25 });
    expect(second).toMatchObject({ total: 33, pageCount: 2, pageSize: 25 });
    expect(second.mailboxes.map((m) => m.address)).toEqual(
      Array.from({ length: 8 }, (_, i) => `z${String(22 + i).padStart(2, "0")}@s.test`),
    );
  });

  it("counts at most a thousand matching mailboxes on the first page, and exactly on later ones", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    const db = await getDb();
    await db.mailbox.createMany({
      data: Array.from({ length: mailboxCountCap + 1 }, (_, i) => ({
        tenantId: tenant.id,
        clientConfigurationId: google.id,
        address: `m${String(i).padStart(4, "0")}@s.test`,
        state: i < 60 ? ("needs_reconnect" as const) : ("connected" as const),
      })),
    });
    const ctx = await contextFor(admin, tenant, "mailboxes.read");

    const first = await listMailboxes(ctx, { page: 1 });
    expect(first).toMatchObject({ total: mailboxCountCap, capped: true, pageCount: null });
    expect(first.mailboxes).toHaveLength(50);
    const filtered = await listMailboxes(ctx, { page: 1, state: "needs_reconnect" });
    expect(filtered).toMatchObject({ total: 60, capped: false, pageCount: 2 });
    const second = await listMailboxes(ctx, { page: 2 });
    expect(second).toMatchObject({ total: mailboxCountCap + 1, capped: false, pageCount: 21 });
    expect(second.mailboxes[0]!.address).toBe("m0050@s.test");
  });

  it("reads and writes its state in the URL, dropping what it does not understand", () => {
    const query = parseMailboxListQuery({
      q: " vie ",
      state: "connected",
      sort: "expiry",
      dir: "desc",
      size: "100",
      page: "3",
      provider: "google",
      member: "not-a-uuid",
    });
    expect(query).toEqual({
      search: "vie",
      state: "connected",
      sort: "expiry",
      dir: "desc",
      pageSize: 100,
      page: 3,
      provider: "google",
    });
    expect(mailboxListQueryString(query)).toBe(
      "?q=vie&state=connected&provider=google&sort=expiry&dir=desc&size=100&page=3",
    );
    expect(parseMailboxListQuery({ size: "7", sort: "secret" })).toEqual({
      page: 1,
      search: undefined,
      state: undefined,
    });
  });
});
