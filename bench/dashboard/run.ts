import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { createBenchDatabase } from "../bench-database";

// Usage: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/dashboard/run.ts
// Creates and drops its own database on that server. See bench/README.md.

const LARGE = 20_000;
const SMALL = 10;
const OTHERS = 98;
const OTHER_SIZE = 200;
const REPEAT = 100;

/**
 * 100 schools: "large" with 20,000 mailboxes, "small" with 10, the others 200
 * each; states, expiries, last uses and assignments spread over the rows.
 * Multi-row INSERT … SELECT generate_series: a few seconds in all.
 */
async function seed(sql: Client) {
  await sql.query(`
    INSERT INTO "Tenant" (id, slug, name, "updatedAt")
    SELECT gen_random_uuid(), CASE g WHEN 1 THEN 'large' WHEN 2 THEN 'small' ELSE 'school-' || g END, 'School ' || g, now()
    FROM generate_series(1, ${OTHERS + 2}) g`);
  await sql.query(`
    INSERT INTO "User" (id, email, name, "updatedAt")
    SELECT gen_random_uuid(), 'admin-' || slug || '@bench.test', 'Admin ' || slug, now() FROM "Tenant"`);
  await sql.query(`
    INSERT INTO "Membership" ("tenantId", "userId", role, "updatedAt")
    SELECT t.id, u.id, 'admin', now() FROM "Tenant" t JOIN "User" u ON u.email = 'admin-' || t.slug || '@bench.test'`);
  await sql.query(`
    INSERT INTO "ClientConfiguration" (id, "tenantId", name, provider, scopes, "smtpHost", "smtpPort", "smtpSecurity", "updatedAt")
    SELECT gen_random_uuid(), t.id, p.name, p.provider::"OAuthProviderKind", ARRAY['https://mail.google.com/'],
           'smtp.example.test', 465, 'tls', now()
    FROM "Tenant" t CROSS JOIN (VALUES ('Google', 'google'), ('Microsoft', 'microsoft')) AS p(name, provider)`);
  await sql.query(`
    INSERT INTO "Mailbox" (id, "tenantId", address, "displayName", "clientConfigurationId", state, "grantedScopes",
                           "refreshTokenExpiresAt", "lastUsedAt", "updatedAt")
    SELECT gen_random_uuid(), t.id, 'mb-' || lpad(g::text, 5, '0') || '@' || t.slug || '.test',
           'Mailbox ' || g, c.id,
           (ARRAY['connected','connected','connected','pending','needs_reconnect','insufficient_scope','revoked','config_error'])[1 + g % 8]::"ConnectionState",
           '{}', CASE WHEN g % 3 = 0 THEN now() + (g % 90) * interval '1 day' END,
           CASE WHEN g % 2 = 0 THEN now() - (g % 1000) * interval '1 minute' END, now()
    FROM "Tenant" t
    CROSS JOIN LATERAL generate_series(1, CASE t.slug WHEN 'large' THEN ${LARGE} WHEN 'small' THEN ${SMALL} ELSE ${OTHER_SIZE} END) g
    JOIN "ClientConfiguration" c ON c."tenantId" = t.id AND c.name = CASE WHEN g % 4 = 0 THEN 'Microsoft' ELSE 'Google' END`);
  await sql.query(`
    INSERT INTO "MailboxAssignment" ("tenantId", "mailboxId", "userId")
    SELECT m."tenantId", m.id, ms."userId" FROM "Mailbox" m
    JOIN "Membership" ms ON ms."tenantId" = m."tenantId"
    WHERE m."displayName" ~ '[05]$'`);
  // As autovacuum leaves a table in service: statistics, and a visibility map for index-only counts.
  await sql.query(
    'VACUUM ANALYZE "Tenant", "Mailbox", "MailboxAssignment", "Membership", "ClientConfiguration"',
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function main() {
  const database = await createBenchDatabase();
  const dbUrl = database.url;
  try {
    const sql = new Client({ connectionString: dbUrl });
    // The final DROP … WITH (FORCE) ends any connection still open after a failure.
    sql.on("error", () => undefined);
    await sql.connect();
    const seeding = performance.now();
    await seed(sql);
    console.log(`seeded ${OTHERS + 2} tenants in ${Math.round(performance.now() - seeding)} ms`);
    await sql.end();

    const { useDb: installDb, disconnectDb } = await import("../../lib/db/client");
    const { PrismaClient } = await import("../../lib/db/generated/client");
    installDb(new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl }) }), "postgresql");
    const { resolveTenantContext } = await import("../../lib/auth/tenant-context");
    const { listMailboxes } = await import("../../lib/mailboxes/list-mailboxes");
    type Query = Parameters<typeof listMailboxes>[1];
    const context = async (slug: string) =>
      resolveTenantContext(
        { userId: await userId(slug), email: `admin-${slug}@bench.test`, ip: null },
        slug,
        "mailboxes.read",
      );
    const { getDb } = await import("../../lib/db/client");
    async function userId(slug: string) {
      const db = await getDb();
      return (await db.user.findUniqueOrThrow({ where: { email: `admin-${slug}@bench.test` } })).id;
    }
    const large = await context("large");
    const small = await context("small");

    // The row in the middle of each tenant's order, as a person paging through
    // it would reach it: the cursor the table puts in its Next / Previous links.
    const { encodeMailboxCursor } = await import("../../lib/mailboxes/mailbox-cursor");
    const { parseMailboxListQuery } = await import("../../lib/mailboxes/mailbox-list-query");
    type Slug = "large" | "small";
    const sizes: Record<Slug, number> = { large: LARGE, small: SMALL };
    const db = await getDb();
    async function middle(slug: Slug, sort: "address" | "expiry", desc: boolean) {
      const order = desc
        ? [
            { refreshTokenExpiresAt: { sort: "desc" as const, nulls: "last" as const } },
            { address: "desc" as const },
          ]
        : [{ address: "asc" as const }];
      const row = await db.mailbox.findFirstOrThrow({
        where: { tenant: { slug } },
        orderBy: sort === "address" ? order.slice(-1) : order,
        skip: Math.floor(sizes[slug] / 2),
        select: { address: true, refreshTokenExpiresAt: true },
      });
      const value = sort === "address" ? null : (row.refreshTokenExpiresAt?.toISOString() ?? null);
      return encodeMailboxCursor(sort, { value, address: row.address });
    }
    const cursors = {
      large: {
        address: await middle("large", "address", false),
        expiry: await middle("large", "expiry", true),
      },
      small: {
        address: await middle("small", "address", false),
        expiry: await middle("small", "expiry", true),
      },
    };

    // Each case is a URL of the table, read as the page reads it.
    const cases: { label: string; query: (slug: Slug) => Query }[] = [
      { label: "first page", query: () => parseMailboxListQuery({}) },
      {
        label: "filtered (needs reconnect)",
        query: () => parseMailboxListQuery({ state: "needs_reconnect" }),
      },
      { label: "search 'mb-0000'", query: () => parseMailboxListQuery({ q: "mb-0000" }) },
      { label: "sorted by expiry", query: () => parseMailboxListQuery({ sort: "expiry" }) },
      {
        label: "deep page (next, middle)",
        query: (slug) => parseMailboxListQuery({ after: cursors[slug].address }),
      },
      {
        label: "deep page (previous, middle)",
        query: (slug) => parseMailboxListQuery({ before: cursors[slug].address }),
      },
      { label: "deep page (last)", query: () => parseMailboxListQuery({ page: "last" }) },
      {
        label: "expiry desc (next, middle)",
        query: (slug) => parseMailboxListQuery({ sort: "expiry", dir: "desc", after: cursors[slug].expiry }),
      },
    ];
    const time = async (ctx: typeof large, query: Query) => {
      const started = performance.now();
      await listMailboxes(ctx, query);
      return performance.now() - started;
    };
    console.log(`\nlistMailboxes, ${REPEAT} runs each (ms)`);
    console.log("case                          large med  p95 | small med  p95 | ratio (median)");
    for (const c of cases) {
      const runs = { large: [] as number[], small: [] as number[] };
      // Alternated, after a warm-up, so that caches and JIT favour neither.
      const queries = { large: c.query("large"), small: c.query("small") };
      if (!queries.large.position && c.label.includes("middle")) throw new Error(`${c.label}: no cursor`);
      await time(large, queries.large);
      await time(small, queries.small);
      for (let i = 0; i < REPEAT; i++) {
        runs.large.push(await time(large, queries.large));
        runs.small.push(await time(small, queries.small));
      }
      const l = runs.large.sort((a, b) => a - b);
      const s = runs.small.sort((a, b) => a - b);
      const [lm, lp, sm, sp] = [
        percentile(l, 0.5),
        percentile(l, 0.95),
        percentile(s, 0.5),
        percentile(s, 0.95),
      ];
      console.log(
        `${c.label.padEnd(30)}${lm.toFixed(1).padStart(8)}${lp.toFixed(1).padStart(6)} |${sm.toFixed(1).padStart(10)}${sp.toFixed(1).padStart(6)} | ${(lm / sm).toFixed(2)}`,
      );
    }
    await disconnectDb();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
    const { disconnectDb } = await import("../../lib/db/client");
    await disconnectDb().catch(() => undefined);
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
