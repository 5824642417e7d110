import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Log } from "@/lib/log/log";
import type { Exposition } from "./metrics";
import { metricsAccess } from "./metrics-access";

/** A metrics setting that cannot work; the process refuses to start and says which. */
export class MetricsSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MetricsSettingsError";
  }
}

export type MetricsServerSettings = { host: string; port: number; token: string };

/**
 * The metrics listener of a worker or relay process, from the environment:
 * none without RELAIS_METRICS_PORT; with it, RELAIS_METRICS_TOKEN is required
 * (a listener that would answer only 404 is a mistake, not a choice), and it
 * binds 127.0.0.1 unless RELAIS_METRICS_HOST says otherwise. Port 0 takes any
 * free port, which the process logs.
 */
export function metricsServerSettings(env: Record<string, string | undefined>): MetricsServerSettings | null {
  const rawPort = env.RELAIS_METRICS_PORT?.trim();
  if (!rawPort) return null;
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new MetricsSettingsError(
      `RELAIS_METRICS_PORT must be a port number (0 to 65535), not "${rawPort}"`,
    );
  }
  const token = env.RELAIS_METRICS_TOKEN?.trim();
  if (!token) {
    throw new MetricsSettingsError(
      "RELAIS_METRICS_PORT is set but RELAIS_METRICS_TOKEN is not: set a token (openssl rand -hex 32) " +
        "for Prometheus to send as a bearer token, or unset RELAIS_METRICS_PORT",
    );
  }
  return { host: env.RELAIS_METRICS_HOST?.trim() || "127.0.0.1", port, token };
}

export type RunningMetricsServer = {
  host: string;
  /** The port listened on (the one chosen when 0 was asked). */
  port: number;
  close: () => Promise<void>;
};

export type MetricsServerOptions = {
  /**
   * What a scrape answers: `renderMetrics` with the database's figures (the
   * workers), or the registry alone (`exposition`, the relay).
   */
  render: () => Promise<Exposition>;
  log: Log;
};

function answer(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(`${text}\n`);
}

/** `GET /metrics` with the bearer token, as `/api/metrics` answers it in the portal; anything else is 404. */
export async function startMetricsServer(
  settings: MetricsServerSettings,
  options: MetricsServerOptions,
): Promise<RunningMetricsServer> {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "").split("?")[0];
    if (path !== "/metrics" || (request.method !== "GET" && request.method !== "HEAD"))
      return answer(response, 404, "Not found");
    const access = metricsAccess(request.headers.authorization, settings.token);
    if (access !== "allowed") {
      return answer(response, 401, "Unauthorized", { "WWW-Authenticate": 'Bearer realm="relais-metrics"' });
    }
    const { contentType, body } = await options.render();
    response.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" });
    response.end(request.method === "HEAD" ? undefined : body);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error({ err: error }, "Metrics scrape failed");
      if (!response.headersSent) answer(response, 500, "Internal error");
      else response.destroy();
    });
  });
  // A scraper's idle kept-alive connection is closed after this; close() ends them all at once.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: settings.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Starts the listener RELAIS_METRICS_PORT asks for, if any, and logs where
 * (`Serving metrics on http://127.0.0.1:9464/metrics`). Throws MetricsSettingsError
 * for a setting that cannot work, or the listen error (port taken).
 */
export async function startMetricsServerFromEnv(
  options: MetricsServerOptions,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningMetricsServer | null> {
  const settings = metricsServerSettings(env);
  if (!settings) return null;
  const running = await startMetricsServer(settings, options);
  const host = running.host.includes(":") ? `[${running.host}]` : running.host;
  const url = `http://${host}:${running.port}/metrics`;
  options.log.info({ url }, `Serving metrics on ${url}`);
  return running;
}
