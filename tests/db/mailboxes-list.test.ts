import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { countBulkTargets, resolveBulkTargets } from "@/lib/mailboxes/bulk/resolve-bulk-targets";
import { encodeMailboxCursor } from "@/lib/mailboxes/mailbox-cursor";
import { listMailboxes, mailboxCountCap } from "@/lib/mailboxes/list-mailboxes";
import {
  mailboxListQueryString,
  mailboxSorts,
  parseMailboxListQuery,
  type MailboxListQuery,
} from "@/lib/mailboxes/mailbox-list-query";
import { connectionStates } from "@/lib/mailboxes/mailbox-schemas";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

type Ctx = Awaited<ReturnType<typeof contextFor>>;

/** Every page from the first by Next, and from the last by Previous (both given in table order). */
async function walk(ctx: Ctx, query: MailboxListQuery) {
  const forwards: string[][] = [];
  let page = await listMailboxes(ctx, query);
  expect(page.previous).toBeNull();
  forwards.push(page.mailboxes.map((m) => m.address));
  while (page.next) {
    page = await listMailboxes(ctx, { ...query, position: page.next });
    forwards.push(page.mailboxes.map((m) => m.address));
    expect(forwards.length).toBeLessThan(50);
  }
  expect(page.atEnd).toBe(true);
  const backwards: string[][] = [];
  page = await listMailboxes(ctx, { ...query, position: { at: "last" } });
  backwards.unshift(page.mailboxes.map((m) => m.address));
  expect(page.next).toBeNull();
  while (page.previous) {
    page = await listMailboxes(ctx, { ...query, position: page.previous });
    backwards.unshift(page.mailboxes.map((m) => m.address));
    expect(backwards.length).toBeLessThan(50);
  }
  expect(page.atStart).toBe(true);
  return { forwards, backwards };
}

describe("the mailbox table's query", () => {
  it("filters by configuration, provider and member, and sorts, in the database", async () => {
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
    const usedAt = new Date(Date.UTC(2026, 5, 1, 12, 34, 56, 789));
    await db.mailbox.update({ where: { id: b.id }, data: { lastUsedAt: usedAt } });
    const otherConfig = await seedClientConfiguration(other.tenant.id, { provider: "microsoft" });
    await seedMailbox(other.tenant.id, otherConfig.id, {
      address: "b2@s.test",
      assignedTo: [other.member.id],
    });
    const ctx = await contextFor(admin, tenant, "mailboxes.read");
    const addresses = async (query: MailboxListQuery) =>
      (await listMailboxes(ctx, query)).mailboxes.map((m) => m.address);

    expect(await addresses({ provider: "microsoft" })).toEqual(["a@s.test", "b@s.test"]);
    expect(await addresses({ configurationId: google.id })).toEqual(["c@s.test"]);
    expect(await addresses({ memberId: member.id })).toEqual(["b@s.test"]);
    expect(await addresses({ memberId: other.member.id })).toEqual([]);
    expect(await addresses({ configurationId: otherConfig.id })).toEqual([]);
    expect(await addresses({ sort: "name" })).toEqual(["c@s.test", "a@s.test", "b@s.test"]);
    expect(await addresses({ sort: "address", dir: "desc" })).toEqual(["c@s.test", "b@s.test", "a@s.test"]);
    expect(await addresses({ sort: "lastUsed" })).toEqual(["b@s.test", "a@s.test", "c@s.test"]);
    expect(await addresses({ sort: "lastUsed", dir: "desc" })).toEqual(["b@s.test", "c@s.test", "a@s.test"]);
    const row = (await listMailboxes(ctx, { memberId: member.id })).mailboxes[0]!;
    expect(row).toMatchObject({
      displayName: "Charlie",
      state: "pending",
      configuration: { id: microsoft.id, provider: "microsoft" },
      members: [{ email: member.email }],
      openConnectLinkExpiresAt: null,
    });
    expect(row.lastUsedAt?.toISOString()).toBe(usedAt.toISOString());
  });

  it("pages by keyset through every sort and direction: Next and Previous meet the same rows, empty dates last", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    const db = await getDb();
    const day = 86_400_000;
    const base = Date.UTC(2027, 0, 1);
    // 58 rows: repeated names, states and dates (ties broken by the address), a third without dates.
    const rows = Array.from({ length: 58 }, (_, i) => ({
      tenantId: tenant.id,
      clientConfigurationId: google.id,
      address: `m${String(i).padStart(2, "0")}@s.test`,
      displayName: `name ${String(i % 7).padStart(2, "0")}`,
      state: connectionStates[i % connectionStates.length]!,
      // A held refresh token makes the announced end the forecast end (grantEndsAt), the expiry sort's key.
      refreshTokenCipher: i % 3 === 0 ? null : "v1:placeholder-refresh",
      refreshTokenExpiresAt: i % 3 === 0 ? null : new Date(base + (i % 5) * day),
      lastUsedAt: i % 4 === 0 ? null : new Date(base - (i % 9) * day + i),
    }));
    await db.mailbox.createMany({ data: rows });
    const ctx = await contextFor(admin, tenant, "mailboxes.read");

    type Row = (typeof rows)[number];
    const keyOf: Record<(typeof mailboxSorts)[number], (row: Row) => string | number | null> = {
      address: () => 0,
      name: (row) => row.displayName,
      state: (row) => connectionStates.indexOf(row.state as ConnectionState),
      expiry: (row) => row.refreshTokenExpiresAt?.getTime() ?? null,
      lastUsed: (row) => row.lastUsedAt?.getTime() ?? null,
    };
    for (const sort of mailboxSorts) {
      for (const dir of ["asc", "desc"] as const) {
        const sign = dir === "asc" ? 1 : -1;
        const expected = [...rows]
          .sort((x, y) => {
            const [a, b] = [keyOf[sort](x), keyOf[sort](y)];
            if (a === null || b === null) {
              if (a !== b) return a === null ? 1 : -1; // empty last, whatever the direction
            } else if (a !== b) return (a < b ? -1 : 1) * sign;
            return (x.address < y.address ? -1 : 1) * sign;
          })
          .map((row) => row.address);
        const { forwards, backwards } = await walk(ctx, { sort, dir, pageSize: 25 });
        expect(forwards.flat(), `${sort} ${dir}`).toEqual(expected);
        expect(forwards.map((page) => page.length)).toEqual([25, 25, 8]);
        // Backwards from the last page: full pages, the first of which is the table's first page.
        expect(backwards.flat().slice(-25), `${sort} ${dir} last`).toEqual(expected.slice(-25));
        expect(backwards[0], `${sort} ${dir} first`).toEqual(expected.slice(0, 25));
        expect(new Set(backwards.flat())).toEqual(new Set(expected));
      }
    }

    // Filters and pages together: only matching rows, each once.
    const pending = rows.filter((r) => r.state === "pending").map((r) => r.address);
    const { forwards } = await walk(ctx, { state: "pending", sort: "expiry", dir: "desc", pageSize: 25 });
    expect(forwards.flat().sort()).toEqual(pending);
  });

  it("counts at most a thousand matching mailboxes on any page, exactly below that", async () => {
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

    const first = await listMailboxes(ctx, {});
    expect(first).toMatchObject({ total: mailboxCountCap, capped: true, atStart: true, atEnd: false });
    expect(first.mailboxes).toHaveLength(50);
    const filtered = await listMailboxes(ctx, { state: "needs_reconnect" });
    expect(filtered).toMatchObject({ total: 60, capped: false });
    const second = await listMailboxes(ctx, { position: first.next! });
    expect(second).toMatchObject({ total: mailboxCountCap, capped: true, atStart: false, atEnd: false });
    expect(second.mailboxes[0]!.address).toBe("m0050@s.test");
    const last = await listMailboxes(ctx, { position: { at: "last" } });
    expect(last).toMatchObject({ capped: true, atEnd: true, next: null });
    expect(last.mailboxes.map((m) => m.address).at(-1)).toBe(`m${mailboxCountCap}@s.test`);
    expect(last.mailboxes).toHaveLength(50);
  });

  it("shows the first page for a cursor it cannot read, and the ends for one past them", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    for (const address of ["a@s.test", "b@s.test", "c@s.test"]) {
      await seedMailbox(tenant.id, google.id, { address });
    }
    const ctx = await contextFor(admin, tenant, "mailboxes.read");
    const addressCursor = (address: string) => encodeMailboxCursor("address", { value: null, address });
    const broken = [
      "garbage",
      "",
      Buffer.from("[1,2,3]").toString("base64url"),
      Buffer.from('["address",null]').toString("base64url"),
      encodeMailboxCursor("name", { value: "b", address: "b@s.test" }), // another sort's
      Buffer.from('["expiry","not a date","b@s.test"]').toString("base64url"),
      Buffer.from('["state","no_such_state","b@s.test"]').toString("base64url"),
      "x".repeat(5000),
    ];
    for (const cursor of broken) {
      expect(parseMailboxListQuery({ after: cursor }).position, cursor).toBeUndefined();
      expect(parseMailboxListQuery({ before: cursor, sort: "expiry" }).position, cursor).toBeUndefined();
    }
    expect(
      parseMailboxListQuery({ sort: "expiry", after: "garbage", page: "7" }),
      "an old page number gives the first page",
    ).toEqual({ search: undefined, state: undefined, sort: "expiry" });

    const pageOf = async (params: Record<string, string>) => {
      const list = await listMailboxes(ctx, { ...parseMailboxListQuery(params), pageSize: 25 });
      return list.mailboxes.map((m) => m.address);
    };
    expect(await pageOf({ after: "garbage" })).toEqual(["a@s.test", "b@s.test", "c@s.test"]);
    expect(await pageOf({ after: addressCursor("a@s.test") })).toEqual(["b@s.test", "c@s.test"]);
    // Past the end (rows deleted since): the last page; before the start: the first page.
    expect(await pageOf({ after: addressCursor("z@s.test") })).toEqual(["a@s.test", "b@s.test", "c@s.test"]);
    expect(await pageOf({ before: addressCursor("0@s.test") })).toEqual(["a@s.test", "b@s.test", "c@s.test"]);
  });

  it("reads and writes its state in the URL, dropping what it does not understand", () => {
    const cursor = { value: "2027-01-01T00:00:00.000Z", address: "vie@s.test" };
    const query = parseMailboxListQuery({
      q: " vie ",
      state: "connected",
      sort: "expiry",
      dir: "desc",
      size: "100",
      after: encodeMailboxCursor("expiry", cursor),
      provider: "google",
      member: "not-a-uuid",
    });
    expect(query).toEqual({
      search: "vie",
      state: "connected",
      sort: "expiry",
      dir: "desc",
      pageSize: 100,
      position: { at: "after", cursor },
      provider: "google",
    });
    expect(mailboxListQueryString(query)).toBe(
      `?q=vie&state=connected&provider=google&sort=expiry&dir=desc&size=100&after=${encodeMailboxCursor("expiry", cursor)}`,
    );
    expect(mailboxListQueryString(query, { at: "last" })).toBe(
      "?q=vie&state=connected&provider=google&sort=expiry&dir=desc&size=100&page=last",
    );
    expect(parseMailboxListQuery({ page: "last" })).toMatchObject({ position: { at: "last" } });
    expect(parseMailboxListQuery({ size: "7", sort: "secret" })).toEqual({
      search: undefined,
      state: undefined,
    });
  });

  it("searches any part of the address or name, any case, through the trigram index", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    await seedMailbox(tenant.id, google.id, {
      address: "secretariat@lycee-hugo.test",
      displayName: "Vie scolaire",
    });
    await seedMailbox(tenant.id, google.id, {
      address: "cdi@lycee-hugo.test",
      displayName: "Centre de Documentation",
    });
    await seedMailbox(tenant.id, google.id, {
      address: "intendance@lycee-hugo.test",
      displayName: "Intendance",
    });
    const ctx = await contextFor(admin, tenant, "mailboxes.read");
    const found = async (search: string) =>
      (await listMailboxes(ctx, { search })).mailboxes.map((m) => m.address.split("@")[0]);
    expect(await found("RETARIA")).toEqual(["secretariat"]);
    expect(await found("documentation")).toEqual(["cdi"]);
    expect(await found("E SCO")).toEqual(["secretariat"]);
    expect(await found("hugo.test")).toEqual(["cdi", "intendance", "secretariat"]);
    // Shorter than a trigram: still a substring search.
    expect(await found("di")).toEqual(["cdi"]);
    expect(await found("n")).toEqual(["cdi", "intendance"]);
    expect(await found("tendance@")).toEqual(["intendance"]);
    expect(await found("%")).toEqual([]);
    const db = await getDb();
    const [{ indexdef }] = await db.$queryRaw<[{ indexdef: string }]>`
      SELECT indexdef FROM pg_indexes WHERE indexname = 'Mailbox_tenantId_address_displayName_idx'`;
    expect(indexdef).toContain("USING gin");
    expect(indexdef).toContain("gin_trgm_ops");
  });

  it("gives bulk actions on a filter exactly the mailboxes the table lists for it", async () => {
    const { tenant, admin, member } = await seedTenantWithPeople();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    const microsoft = await seedClientConfiguration(tenant.id, { provider: "microsoft" });
    for (let i = 0; i < 40; i++) {
      await seedMailbox(tenant.id, i % 3 === 0 ? microsoft.id : google.id, {
        address: `box${String(i).padStart(2, "0")}@s.test`,
        displayName: i % 2 === 0 ? `Salle ${i}` : `Bureau ${i}`,
        state: connectionStates[i % connectionStates.length],
        assignedTo: i % 5 === 0 ? [member.id] : [],
      });
    }
    const outsider = await seedTenantWithPeople();
    const outsiderConfig = await seedClientConfiguration(outsider.tenant.id, { provider: "microsoft" });
    await seedMailbox(outsider.tenant.id, outsiderConfig.id, {
      address: "box01@s.test",
      displayName: "Salle 1",
    });
    const reader = await contextFor(admin, tenant, "mailboxes.read");
    const writer = await contextFor(admin, tenant, "mailboxes.write");
    const filters = [
      { query: {}, bulk: {} },
      { query: { search: "SALLE" }, bulk: { q: "SALLE" } },
      { query: { search: "box1" }, bulk: { q: "box1" } },
      { query: { state: "pending" as const }, bulk: { state: "pending" as const } },
      { query: { provider: "microsoft" as const }, bulk: { provider: "microsoft" as const } },
      { query: { configurationId: google.id }, bulk: { config: google.id } },
      { query: { memberId: member.id }, bulk: { member: member.id } },
      {
        query: { search: "bureau", provider: "google" as const, memberId: member.id },
        bulk: { q: "bureau", provider: "google" as const, member: member.id },
      },
    ];
    for (const { query, bulk } of filters) {
      const { forwards } = await walk(reader, { ...query, pageSize: 25 });
      const listed = forwards.flat().sort();
      const targets = await resolveBulkTargets(writer, { scope: "filter", ...bulk });
      expect(targets.map((t) => t.address).sort(), JSON.stringify(bulk)).toEqual(listed);
      expect(await countBulkTargets(writer, { scope: "filter", ...bulk })).toBe(listed.length);
      expect((await listMailboxes(reader, { ...query })).total).toBe(listed.length);
    }
  });
});
