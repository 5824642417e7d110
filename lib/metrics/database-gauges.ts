import { Gauge } from "prom-client";
import { currentDbPool, getDb } from "@/lib/db/client";
import { ConnectionState } from "@/lib/db/generated/enums";
import type { Log } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import { SQL_NOW } from "@/lib/db/sql-now";
import { metricsRegistry, watchPool } from "./metrics";

/**
 * The most rows a scrape counts per status: each count walks one range of an
 * index and stops there, so a scrape costs the same with a hundred thousand
 * mails waiting or ten million sent.
 */
export const COUNT_CAP = 100_000;
/** A scrape answers without the database's figures rather than wait longer than this. */
const QUERY_TIMEOUT_MS = 5_000;

/** The statuses of mails still in the queue: the terminal ones (sent, failed, cancelled) only grow. */
const QUEUE_STATUSES = ["queued", "sending", "held"] as const;
const LEASE_STATES = ["live", "expired"] as const;
const MAILBOX_STATES = Object.values(ConnectionState);

type Row = { kind: string; key: string; value: number };

function create() {
  const registry = metricsRegistry();
  // The figures join the registry once the database answered, and leave it when it does not.
  const named: { name: string; gauge: Gauge }[] = [];
  const gauge = <T extends string>(name: string, help: string, labelNames: readonly T[] = []) => {
    const made = new Gauge<T>({ name, help, labelNames, registers: [] });
    named.push({ name, gauge: made as unknown as Gauge });
    return made;
  };
  const up = new Gauge({
    name: "relais_database_up",
    help: "1 when the database answered this scrape's queries, else 0 (and the database's figures are left out).",
    registers: [registry],
  });
  const queryTime = new Gauge({
    name: "relais_metrics_database_query_seconds",
    help: "How long this scrape's database queries took.",
    registers: [registry],
  });
  const figures = {
    mails: gauge(
      "relais_outbox_mails",
      `Mails in the outbox by status (queued, sending, held), counted up to ${COUNT_CAP} each.`,
      ["status"],
    ),
    due: gauge(
      "relais_outbox_due_mails",
      `Queued mails whose time has come (not waiting for a later send time or a backoff), up to ${COUNT_CAP}.`,
    ),
    oldestDue: gauge(
      "relais_outbox_oldest_due_seconds",
      "How long the oldest due mail has been due (0 when none is): the queue's lag.",
    ),
    leases: gauge(
      "relais_outbox_leases",
      "Mails in sending by lease: live (a worker holds it) or expired (its worker is gone; another will take it).",
      ["state"],
    ),
    mailboxes: gauge("relais_mailboxes", "Mailboxes (connections) by state.", ["state"]),
    paused: gauge("relais_mailboxes_paused", "Mailboxes paused by a provider's quota or throttling answer."),
    webhooksPending: gauge(
      "relais_webhook_deliveries_pending",
      `Webhook deliveries waiting for a first or a further attempt, up to ${COUNT_CAP}.`,
    ),
  };
  // The Prisma client's pool, once the process has opened it (never opened for the metrics' sake).
  watchPool("prisma", currentDbPool);
  return {
    up,
    queryTime,
    figures,
    /** The figures in the registry (true) or left out (false). */
    show(shown: boolean) {
      for (const { name, gauge: figure } of named) {
        const present = registry.getSingleMetric(name) !== undefined;
        if (shown && !present) registry.registerMetric(figure);
        if (!shown && present) registry.removeSingleMetric(name);
      }
    },
  };
}

type Gauges = ReturnType<typeof create>;
const state = globalThis as typeof globalThis & {
  __relaisDbGauges?: Gauges;
  __relaisDbScrape?: Promise<void>;
};

/**
 * One statement for every figure, each part reading an index range with a
 * bound: the queue's statuses and due mails on `[status, nextAttemptAt]`
 * (index-only), the oldest due mail as the first entry of that range, the
 * leases on the partial index of mails being sent, the webhook deliveries on
 * their `[status, nextAttemptAt]`; the mailboxes (thousands, not millions)
 * read once, grouped by state. A few milliseconds with a normal queue, about
 * 30 ms with 150,000 mails waiting beside two million sent.
 */
async function query(): Promise<Row[]> {
  const db = await getDb();
  return db.$queryRaw<Row[]>`
    WITH now AS (SELECT ${SQL_NOW} AS t),
    boxes AS (SELECT state, count(*) AS n, count(*) FILTER (WHERE "pausedUntil" > (SELECT t FROM now)) AS paused
                FROM "Mailbox" GROUP BY state)
    SELECT 'mails' AS kind, s.status::text AS key,
           (SELECT count(*) FROM (SELECT 1 FROM "OutgoingMail" m WHERE m.status = s.status LIMIT ${COUNT_CAP}) c)::float8
             AS value
      FROM unnest(ARRAY['queued', 'sending', 'held']::"OutgoingMailStatus"[]) AS s(status)
    UNION ALL
    SELECT 'due', '', count(*)::float8
      FROM (SELECT 1 FROM "OutgoingMail"
             WHERE status = 'queued' AND "nextAttemptAt" <= (SELECT t FROM now) LIMIT ${COUNT_CAP}) d
    UNION ALL
    SELECT 'oldest_due', '', COALESCE(EXTRACT(EPOCH FROM (SELECT t FROM now) - min("nextAttemptAt")), 0)::float8
      FROM "OutgoingMail" WHERE status = 'queued' AND "nextAttemptAt" <= (SELECT t FROM now)
    UNION ALL
    SELECT 'leases', CASE WHEN "leaseExpiresAt" > (SELECT t FROM now) THEN 'live' ELSE 'expired' END,
           count(*)::float8
      FROM "OutgoingMail" WHERE status = 'sending' GROUP BY 2
    UNION ALL
    SELECT 'mailboxes', state::text, n::float8 FROM boxes
    UNION ALL
    SELECT 'paused', '', COALESCE(sum(paused), 0)::float8 FROM boxes
    UNION ALL
    SELECT 'webhooks_pending', '', count(*)::float8
      FROM (SELECT 1 FROM "WebhookDelivery" WHERE status = 'pending' LIMIT ${COUNT_CAP}) w`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function apply({ figures: gauges }: Gauges, rows: Row[]) {
  const value = (kind: string, key = "") =>
    Number(rows.find((row) => row.kind === kind && row.key === key)?.value ?? 0);
  for (const status of QUEUE_STATUSES) gauges.mails.set({ status }, value("mails", status));
  gauges.due.set(value("due"));
  gauges.oldestDue.set(value("oldest_due"));
  for (const lease of LEASE_STATES) gauges.leases.set({ state: lease }, value("leases", lease));
  for (const mailbox of MAILBOX_STATES) gauges.mailboxes.set({ state: mailbox }, value("mailboxes", mailbox));
  gauges.paused.set(value("paused"));
  gauges.webhooksPending.set(value("webhooks_pending"));
}

async function scrape(gauges: Gauges, log: Log) {
  const started = performance.now();
  try {
    apply(gauges, await withTimeout(query(), QUERY_TIMEOUT_MS));
    gauges.show(true);
    gauges.up.set(1);
  } catch (error) {
    // No figure rather than a stale one; why goes to the log (a driver's message may name hosts).
    gauges.show(false);
    gauges.up.set(0);
    log.warn({ err: error }, "Metrics: the database's figures are unavailable");
  }
  gauges.queryTime.set((performance.now() - started) / 1000);
}

/**
 * Reads the database's figures into their gauges, once for scrapes that
 * arrive together. Never throws: without the database the gauges are empty
 * and `relais_database_up` is 0.
 */
export function refreshDatabaseGauges(log: Log = logger()): Promise<void> {
  const gauges = (state.__relaisDbGauges ??= create());
  state.__relaisDbScrape ??= scrape(gauges, log).finally(() => {
    state.__relaisDbScrape = undefined;
  });
  return state.__relaisDbScrape;
}
