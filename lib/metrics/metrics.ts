import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Pool } from "pg";
import type { RelayReason } from "@/lib/relay-protocol/relay-replies";
import type { MailTransport } from "@/lib/transports/mail-transports";

/**
 * The process's Prometheus metrics (docs/metrics.md): one registry, the
 * instruments the worker, the relay, the token refresh and the webhook
 * deliverer update, and prom-client's default process metrics. Labels take
 * only values from fixed lists (transports, outcomes, states, reply classes):
 * never an address, a tenant or anything else that grows.
 *
 * Kept on globalThis, like the database client: Next.js loads this module in
 * more than one bundle (instrumentation, routes) and reloads it in
 * development, and all of them must count in the same registry.
 */

const TRANSPORTS = ["smtp", "graph", "gmail_api"] as const satisfies readonly MailTransport[];
/** How the worker settled a mail (lib/worker/send-one.ts's SendOutcome, except "waiting": never settled). */
export const MAIL_OUTCOMES = ["sent", "retry", "failed", "held", "cancelled", "lease_lost"] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];
/** A refresh's outcome: a token, or what the failure does to the connection (lib/tokens/refresh-failure.ts). */
export const REFRESH_OUTCOMES = ["ok", "needs_reconnect", "config_error", "transient"] as const;
export type RefreshOutcome = (typeof REFRESH_OUTCOMES)[number];
export const WEBHOOK_OUTCOMES = ["delivered", "retry", "failed", "lease_lost"] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];
export const HEARTBEAT_LOOPS = ["mail", "webhooks"] as const;
export type HeartbeatLoop = (typeof HEARTBEAT_LOOPS)[number];
type ReplyClass = "4xx" | "5xx";

type Inc = { inc(value?: number): void };
type Observe = { observe(value: number): void };
type Settable = { set(value: number): void };

/** Database pools whose counts are read at scrape time, by a fixed name. */
export type PoolName = "prisma" | "relay";

function byKey<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  const made = {} as Record<K, V>;
  for (const key of keys) made[key] = make(key);
  return made;
}

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const mails = new Counter({
    name: "relais_mails_total",
    help: "Mails the worker settled, by transport and outcome (sent, retry, failed, held, cancelled, lease_lost).",
    labelNames: ["transport", "outcome"] as const,
    registers,
  });
  const sendDuration = new Histogram({
    name: "relais_send_duration_seconds",
    help: "Time from the start of a send attempt (token included) to the server's or API's answer, by transport.",
    labelNames: ["transport"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers,
  });
  const refreshes = new Counter({
    name: "relais_token_refreshes_total",
    help: "Access token refreshes asked of the providers, by outcome (ok, needs_reconnect, config_error, transient).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const relaySessions = new Counter({
    name: "relais_relay_sessions_total",
    help: "SMTP relay sessions accepted (connections not refused at once).",
    registers,
  });
  const relayOpen = new Gauge({
    name: "relais_relay_sessions_open",
    help: "SMTP relay sessions open now in this process.",
    registers,
  });
  const relayMessages = new Counter({
    name: "relais_relay_messages_total",
    help: "Messages the SMTP relay accepted (stored in the outbox and answered 250).",
    registers,
  });
  const relayRefusals = new Counter({
    name: "relais_relay_refusals_total",
    help: "Refusals the SMTP relay answered, by reply code class (4xx, 5xx) and reason.",
    labelNames: ["code_class", "reason"] as const,
    registers,
  });
  const webhooks = new Counter({
    name: "relais_webhook_deliveries_total",
    help: "Webhook delivery attempts, by outcome (delivered, retry, failed after the last attempt, lease_lost).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const heartbeat = new Gauge({
    name: "relais_worker_heartbeat_timestamp_seconds",
    help: "When this process's worker loop last went round (Unix time), by loop (mail, webhooks).",
    labelNames: ["loop"] as const,
    registers,
  });

  /** Each pool's current handle (a pool is replaced when its client is reopened), read at scrape time. */
  const pools = new Map<PoolName, () => Pool | undefined>();
  const poolGauge = (name: string, help: string, read: (pool: Pool) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["pool"] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, current] of pools) {
          const handle = current();
          if (handle) this.set({ pool }, read(handle));
        }
      },
    });
  poolGauge("relais_db_pool_connections", "Connections open in a database pool.", (p) => p.totalCount);
  poolGauge("relais_db_pool_idle_connections", "Idle connections in a database pool.", (p) => p.idleCount);
  poolGauge(
    "relais_db_pool_waiting_requests",
    "Queries waiting for a connection of a database pool.",
    (p) => p.waitingCount,
  );
  poolGauge(
    "relais_db_pool_max_connections",
    "The most connections a database pool opens.",
    (p) => p.options.max ?? 10,
  );

  // Children made once, with fixed label values: the hot paths look them up without building label objects.
  const mailChildren = byKey(TRANSPORTS, (transport) =>
    byKey(MAIL_OUTCOMES, (outcome): Inc => mails.labels(transport, outcome)),
  );
  const durationChildren = byKey(TRANSPORTS, (transport): Observe => sendDuration.labels(transport));
  const refreshChildren = byKey(REFRESH_OUTCOMES, (outcome): Inc => refreshes.labels(outcome));
  const webhookChildren = byKey(WEBHOOK_OUTCOMES, (outcome): Inc => webhooks.labels(outcome));
  const heartbeatChildren = byKey(HEARTBEAT_LOOPS, (loop): Settable => heartbeat.labels(loop));
  const refusalChildren = new Map<string, Inc>();

  /** Counters start at 0 for every label value, so that rates exist before the first event. */
  const zero = () => {
    for (const byOutcome of Object.values(mailChildren))
      for (const child of Object.values(byOutcome)) child.inc(0);
    for (const child of Object.values(refreshChildren)) child.inc(0);
    for (const child of Object.values(webhookChildren)) child.inc(0);
  };
  zero();

  return {
    registry,
    pools,
    mailChildren,
    durationChildren,
    refreshChildren,
    webhookChildren,
    heartbeatChildren,
    relaySessions,
    relayOpen,
    relayMessages,
    /** One child per (class, reason): both come from fixed lists (RelayReason), made on first use. */
    refusal(codeClass: ReplyClass, reason: RelayReason): Inc {
      const key = `${codeClass} ${reason}`;
      let child = refusalChildren.get(key);
      if (!child) {
        child = relayRefusals.labels(codeClass, reason);
        refusalChildren.set(key, child);
      }
      return child;
    },
    reset() {
      registry.resetMetrics();
      zero();
    },
  };
}

type Metrics = ReturnType<typeof create>;
const state = globalThis as typeof globalThis & { __relaisMetrics?: Metrics };

function metrics(): Metrics {
  return (state.__relaisMetrics ??= create());
}

/** The registry that `/api/metrics` and the workers' and relay's metrics listeners expose. */
export function metricsRegistry(): Registry {
  return metrics().registry;
}

export type Exposition = { contentType: string; body: string };

/** The registry in Prometheus's text format, as it stands (render-metrics.ts adds the database's figures). */
export async function exposition(): Promise<Exposition> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Tests: every counter back to 0 (the registry lives as long as the process). */
export function resetMetrics(): void {
  metrics().reset();
}

/** The worker settled a mail (lib/worker/send-one.ts): counted once, by transport and outcome. */
export function countSettledMail(transport: MailTransport, outcome: MailOutcome | "waiting"): void {
  if (outcome !== "waiting") metrics().mailChildren[transport]?.[outcome]?.inc();
}

/** A send attempt got its answer, `startedAt` (performance.now()) being the attempt's start. */
export function observeSendDuration(transport: MailTransport, startedAt: number): void {
  metrics().durationChildren[transport]?.observe((performance.now() - startedAt) / 1000);
}

/** A refresh asked of a provider ended (lib/tokens/refresh-locked-connection.ts). */
export function countRefresh(outcome: RefreshOutcome): void {
  metrics().refreshChildren[outcome].inc();
}

/** A relay session was accepted (`opened`) or ended (`closed`). */
export function countRelaySession(event: "opened" | "closed"): void {
  const m = metrics();
  if (event === "opened") {
    m.relaySessions.inc();
    m.relayOpen.inc();
  } else m.relayOpen.dec();
}

export function countRelayMessage(): void {
  metrics().relayMessages.inc();
}

/** The relay answered a refusal: labelled by its code's class and its reason (a fixed list), nothing else. */
export function countRelayRefusal<R extends { responseCode: number; reason: RelayReason }>(reply: R): R {
  metrics()
    .refusal(reply.responseCode >= 500 ? "5xx" : "4xx", reply.reason)
    .inc();
  return reply;
}

/** A webhook delivery attempt was settled (lib/webhooks/run-webhook-deliverer.ts). */
export function countWebhookDelivery(outcome: WebhookOutcome): void {
  metrics().webhookChildren[outcome].inc();
}

/** The worker's loop went round: its heartbeat is now. */
export function markHeartbeat(loop: HeartbeatLoop): void {
  metrics().heartbeatChildren[loop].set(Date.now() / 1000);
}

/** A `pg` pool whose counts the metrics report (the Prisma client's, the relay's own), or how to find it. */
export function watchPool(name: PoolName, pool: Pool | (() => Pool | undefined)): void {
  metrics().pools.set(name, typeof pool === "function" ? pool : () => pool);
}
