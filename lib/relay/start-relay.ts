import type { SMTPServer } from "smtp-server";
import type { Log } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import { createRelayServer, relayHandlers } from "./relay-server";
import { relaySettings, type RelayListener, type RelaySettings } from "./relay-settings";
import type { RelaySql } from "./relay-sql";
import { certificateFiles, readCertificatePair, watchCertificate, type CertificatePair } from "./relay-tls";

export type RunningRelay = {
  settings: RelaySettings;
  /** The listeners with the port each got (a configured 0 means any free port: tests). */
  listeners: (RelayListener & { boundPort: number })[];
  /** Sessions open now in this process. */
  openSessions: () => number;
  /** Stops listening, lets sessions in progress finish for up to the close timeout, then ends them. */
  stop: () => Promise<void>;
};

export type StartRelayOptions = {
  /** The database: a `pg` pool in `npm run relay`, Prisma in the embedded run (relay-sql.ts). */
  sql: RelaySql;
  settings?: RelaySettings;
  /** The process's root logger by default. */
  log?: Log;
  certificateReloadIntervalMs?: number;
};

function listen(server: SMTPServer, listener: RelayListener): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once("error", onError);
    server.listen(listener.port, listener.host, () => {
      server.server.off("error", onError);
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : listener.port);
    });
  });
}

const describe = (listener: RelayListener) =>
  `${listener.kind === "submission" ? "STARTTLS submission" : listener.kind === "tls" ? "implicit TLS" : "plain (no TLS)"}` +
  `${listener.legacyTls ? ", TLS 1.0/1.1 accepted (legacy: a risk)" : ""}`;

/**
 * Starts every listener of the relay in this process (`npm run relay`, or the
 * web process of the embedded first run), all sharing one set of handlers. The
 * certificate is reloaded when its files change.
 */
export async function startRelay(options: StartRelayOptions): Promise<RunningRelay> {
  const settings = options.settings ?? relaySettings();
  const log = options.log ?? logger();
  const needsTls = settings.listeners.some((listener) => listener.kind !== "plain");
  const files = needsTls ? certificateFiles(settings) : null;
  let certificate: CertificatePair | null = files ? readCertificatePair(files) : null;
  const { handlers, sessions } = relayHandlers({
    sql: options.sql,
    settings,
    log,
  });
  const servers: SMTPServer[] = [];
  const started: RunningRelay["listeners"] = [];
  try {
    for (const listener of settings.listeners) {
      const server = createRelayServer(listener, settings, certificate, handlers);
      server.on("error", (error: Error) =>
        log.error({ listener: describe(listener), err: error }, "Relay listener error"),
      );
      const boundPort = await listen(server, listener);
      servers.push(server);
      started.push({ ...listener, boundPort });
      log.info(
        { host: listener.host, port: boundPort, listener: describe(listener) },
        `Relay listening on ${listener.host}:${boundPort}, ${describe(listener)}`,
      );
    }
  } catch (error) {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    throw error;
  }
  const stopWatching = files
    ? watchCertificate(
        files,
        (pair) => {
          certificate = pair;
          settings.listeners.forEach((listener, index) => {
            if (listener.kind === "plain") return;
            servers[index]?.updateSecureContext({ key: pair.key, cert: pair.cert });
          });
        },
        log,
        options.certificateReloadIntervalMs,
      )
    : () => {};
  return {
    settings,
    listeners: started,
    openSessions: () => sessions.size,
    stop: async () => {
      stopWatching();
      await Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}
