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
// Mail per school, spread over the last 100 days: the dashboard's charts read up to 90 of them.
const LARGE_MAIL = 200_000;
const SMALL_MAIL = 200;
const OTHER_MAIL = 500;

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
           '{}', CASE WHEN g % 3 = 0 THEN now() + (g % 120) * interval '1 day' END,
           CASE WHEN g % 2 = 0 THEN now() - (g % 1000) * interval '1 minute' END, now()
    FROM "Tenant" t
    CROSS JOIN LATERAL generate_series(1, CASE t.slug WHEN 'large' THEN ${LARGE} WHEN 'small' THEN ${SMALL} ELSE ${OTHER_SIZE} END) g
    JOIN "ClientConfiguration" c ON c."tenantId" = t.id AND c.name = CASE WHEN g % 4 = 0 THEN 'Microsoft' ELSE 'Google' END`);
  await sql.query(`
    INSERT INTO "MailboxAssignment" ("tenantId", "mailboxId", "userId")
    SELECT m."tenantId", m.id, ms."userId" FROM "Mailbox" m
    JOIN "Membership" ms ON ms."tenantId" = m."tenantId"
    WHERE m."displayName" ~ '[05]$'`);
  // A refresh token for those with an announced end: the trigger then forecasts their end
  // (grantEndsAt), which the expiry sort and the connections-ending figures read.
  await sql.query(
    `UPDATE "Mailbox" SET "refreshTokenCipher" = 'bench' WHERE "refreshTokenExpiresAt" IS NOT NULL`,
  );
  // Mail: mostly sent, some failed, held, queued or cancelled, at any time of the last 100 days,
  // over each school's first 100 mailboxes (1,000 for the large one).
  await sql.query(`
    WITH boxes AS (
      SELECT "tenantId", id, row_number() OVER (PARTITION BY "tenantId" ORDER BY address) - 1 AS n
      FROM "Mailbox"),
    used AS (
      SELECT t.id, t.slug, LEAST(count(*), CASE t.slug WHEN 'large' THEN 1000 ELSE 100 END) AS k
      FROM "Tenant" t JOIN "Mailbox" m ON m."tenantId" = t.id GROUP BY t.id),
    mail AS (
      SELECT u.id AS "tenantId", u.slug, g, g % u.k AS n,
             (CASE WHEN g % 100 < 93 THEN 'sent' WHEN g % 100 < 96 THEN 'failed'
                   WHEN g % 100 < 98 THEN 'held' WHEN g % 100 < 99 THEN 'queued'
                   ELSE 'cancelled' END)::"OutgoingMailStatus" AS status,
             (now() AT TIME ZONE 'UTC') - (g * 7919 % 144000) * interval '1 minute' AS at
      FROM used u
      CROSS JOIN LATERAL generate_series(1, CASE u.slug WHEN 'large' THEN ${LARGE_MAIL} WHEN 'small' THEN ${SMALL_MAIL} ELSE ${OTHER_MAIL} END) g)
    INSERT INTO "OutgoingMail" ("tenantId", "mailboxId", "messageId", source, subject, "sizeBytes",
                                "recipientCount", status, "sentAt", "createdAt", "updatedAt")
    SELECT mail."tenantId", b.id, 'bench-' || mail.slug || '-' || g || '@bench.test', 'api', 'Bench', 1000, 1,
           status, CASE WHEN status = 'sent' THEN at END, at - interval '1 minute', at
    FROM mail JOIN boxes b ON b."tenantId" = mail."tenantId" AND b.n = mail.n`);
  // As autovacuum leaves a table in service: statistics, and a visibility map for index-only counts.
  await sql.query(
    'VACUUM ANALYZE "Tenant", "Mailbox", "MailboxAssignment", "Membership", "ClientConfiguration", "OutgoingMail"',
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
    const row = (label: string, large: number[], small: number[]) => {
      const l = large.sort((a, b) => a - b);
      const s = small.sort((a, b) => a - b);
      const [lm, lp, sm, sp] = [
        percentile(l, 0.5),
        percentile(l, 0.95),
        percentile(s, 0.5),
        percentile(s, 0.95),
      ];
      console.log(
        `${label.padEnd(30)}${lm.toFixed(1).padStart(8)}${lp.toFixed(1).padStart(6)} |${sm.toFixed(1).padStart(10)}${sp.toFixed(1).padStart(6)} | ${(lm / sm).toFixed(2)}`,
      );
    };
    /** Runs both, alternated after a warm-up so that caches and JIT favour neither; prints a row. */
    const compare = async (
      label: string,
      runLarge: () => Promise<unknown>,
      runSmall: () => Promise<unknown>,
    ) => {
      const time = async (run: () => Promise<unknown>) => {
        const started = performance.now();
        await run();
        return performance.now() - started;
      };
      const runs = { large: [] as number[], small: [] as number[] };
      await runLarge();
      await runSmall();
      for (let i = 0; i < REPEAT; i++) {
        runs.large.push(await time(runLarge));
        runs.small.push(await time(runSmall));
      }
      row(label, runs.large, runs.small);
    };
    const header = "case                          large med  p95 | small med  p95 | ratio (median)";
    console.log(`\nlistMailboxes, ${REPEAT} runs each (ms)`);
    console.log(header);
    for (const c of cases) {
      const queries = { large: c.query("large"), small: c.query("small") };
      if (!queries.large.position && c.label.includes("middle")) throw new Error(`${c.label}: no cursor`);
      await compare(
        c.label,
        () => listMailboxes(large, queries.large),
        () => listMailboxes(small, queries.small),
      );
    }

    // The dashboard: ${LARGE_MAIL} mails for the large school, ${SMALL_MAIL} for the small one.
    const { getTenantDashboard } = await import("../../lib/dashboard/get-tenant-dashboard");
    console.log(`\ndashboard figures (${LARGE_MAIL} / ${SMALL_MAIL} mails), ${REPEAT} runs each (ms)`);
    console.log(header);
    await compare(
      "getTenantDashboard (polled)",
      () => getTenantDashboard(large),
      () => getTenantDashboard(small),
    );
    const { getMailActivity } = await import("../../lib/dashboard/get-mail-activity");
    for (const range of ["24h", "7d", "30d", "90d"] as const) {
      await compare(
        `getMailActivity ${range}`,
        () => getMailActivity(large, range),
        () => getMailActivity(small, range),
      );
    }
    const { countEndingConnections } = await import("../../lib/dashboard/count-ending-connections");
    await compare(
      "countEndingConnections",
      () => countEndingConnections(large),
      () => countEndingConnections(small),
    );

    // The operator's page: every school (${OTHERS + 2}) at once.
    const { getOperatorOverview } = await import("../../lib/operator/get-operator-overview");
    console.log(`\noperator overview, ${OTHERS + 2} schools, ${REPEAT} runs each (ms)`);
    console.log("range                            med   p95");
    for (const range of ["24h", "90d"] as const) {
      const runs: number[] = [];
      await getOperatorOverview(new Date(), range);
      for (let i = 0; i < REPEAT; i++) {
        const started = performance.now();
        await getOperatorOverview(new Date(), range);
        runs.push(performance.now() - started);
      }
      runs.sort((a, b) => a - b);
      console.log(
        `${`getOperatorOverview ${range}`.padEnd(30)}${percentile(runs, 0.5).toFixed(1).padStart(6)}${percentile(runs, 0.95).toFixed(1).padStart(6)}`,
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
