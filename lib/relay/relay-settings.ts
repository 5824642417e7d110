import { isIP } from "node:net";
import path from "node:path";
import { maxMessageBytes } from "@/lib/outbox/mail-limits";

type Env = Record<string, string | undefined>;

/** One listening socket of the relay. */
export type RelayListener = {
  /** submission: STARTTLS offered and required before AUTH; tls: TLS from the first byte;
   * plain: no TLS at all, on the addresses the operator named (a school LAN). */
  kind: "submission" | "tls" | "plain";
  host: string;
  port: number;
  /** TLS 1.0 and 1.1 accepted (old copiers): a risk, off unless asked for. */
  legacyTls: boolean;
};

export type RelaySettings = {
  listeners: RelayListener[];
  /** The name devices are told to use (the printable sheet, the credential page). */
  publicHost: string;
  /** PEM files; null: a self-signed certificate is made in `generatedCertDir` (embedded and demo runs only). */
  certFile: string | null;
  keyFile: string | null;
  generatedCertDir: string | null;
  maxMessageBytes: number;
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxMessagesPerSession: number;
  /** Idle or slow client: the session is closed after this long without a command or data. */
  socketTimeoutMs: number;
  /** Load balancers whose connections start with a PROXY protocol header naming the real client. */
  proxyProtocolFrom: string[];
};

export class RelaySettingsError extends Error {}

function port(env: Env, name: string, fallback: number | null): number | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  if (raw.trim().toLowerCase() === "off") return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new RelaySettingsError(`${name} must be a port number (0–65535), not "${raw}".`);
  }
  return value;
}

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new RelaySettingsError(`${name} must be a whole number above 0, not "${raw}".`);
  }
  return value;
}

/** The portal's host name (NEXTAUTH_URL): what devices use unless RELAIS_RELAY_PUBLIC_HOST says otherwise. */
function portalHost(env: Env): string {
  try {
    return new URL(env.NEXTAUTH_URL ?? "http://127.0.0.1:3000").hostname;
  } catch {
    return "127.0.0.1";
  }
}

const WILDCARDS = new Set(["0.0.0.0", "::", "[::]", "*"]);

/** The load balancers in front of the relay that speak the PROXY protocol (HAProxy's v1/v2): IP addresses only. */
function proxyProtocolFrom(env: Env): string[] {
  const hosts = (env.RELAIS_RELAY_PROXY_PROTOCOL_FROM ?? "")
    .split(/[\s,]+/)
    .filter((host) => host.length > 0);
  for (const host of hosts) {
    if (isIP(host) === 0) {
      throw new RelaySettingsError(
        `RELAIS_RELAY_PROXY_PROTOCOL_FROM must list the load balancers' IP addresses, not "${host}": anyone else could claim any client address.`,
      );
    }
  }
  return hosts;
}

function plainHosts(env: Env): string[] {
  const hosts = (env.RELAIS_RELAY_PLAIN_HOSTS ?? "").split(/[\s,]+/).filter((host) => host.length > 0);
  if (hosts.length === 0) {
    throw new RelaySettingsError(
      "RELAIS_RELAY_PLAIN_PORT needs RELAIS_RELAY_PLAIN_HOSTS: the addresses of this server on the school network that the plain listener may use (never every address).",
    );
  }
  for (const host of hosts) {
    if (WILDCARDS.has(host) || isIP(host) === 0) {
      throw new RelaySettingsError(
        `RELAIS_RELAY_PLAIN_HOSTS must name IP addresses of this server, not "${host}": mail and passwords cross it unencrypted.`,
      );
    }
  }
  return hosts;
}

/**
 * The relay's settings from the environment (README.md lists them). Without a
 * database server (the embedded first run) the defaults listen on 127.0.0.1,
 * ports 2587 and 2465, with a generated certificate; with one, on every
 * address, ports 587 and 465, with the certificate the operator names.
 */
export function relaySettings(env: Env = process.env): RelaySettings {
  const embedded = !env.DATABASE_URL || env.RELAIS_DEMO === "true";
  const host = env.RELAIS_RELAY_HOST?.trim() || (embedded ? "127.0.0.1" : "0.0.0.0");
  const listeners: RelayListener[] = [];
  const submission = port(env, "RELAIS_RELAY_PORT", embedded ? 2587 : 587);
  if (submission !== null) listeners.push({ kind: "submission", host, port: submission, legacyTls: false });
  const implicit = port(env, "RELAIS_RELAY_TLS_PORT", embedded ? 2465 : 465);
  if (implicit !== null) listeners.push({ kind: "tls", host, port: implicit, legacyTls: false });
  const plain = port(env, "RELAIS_RELAY_PLAIN_PORT", null);
  if (plain !== null) {
    for (const plainHost of plainHosts(env)) {
      listeners.push({ kind: "plain", host: plainHost, port: plain, legacyTls: false });
    }
  }
  const legacy = port(env, "RELAIS_RELAY_LEGACY_TLS_PORT", null);
  if (legacy !== null) {
    const mode = env.RELAIS_RELAY_LEGACY_TLS_MODE ?? "starttls";
    if (mode !== "starttls" && mode !== "tls") {
      throw new RelaySettingsError(`RELAIS_RELAY_LEGACY_TLS_MODE is "starttls" or "tls", not "${mode}".`);
    }
    listeners.push({ kind: mode === "tls" ? "tls" : "submission", host, port: legacy, legacyTls: true });
  }
  const certFile = env.RELAIS_RELAY_TLS_CERT?.trim() || null;
  const keyFile = env.RELAIS_RELAY_TLS_KEY?.trim() || null;
  if ((certFile === null) !== (keyFile === null)) {
    throw new RelaySettingsError("Set both RELAIS_RELAY_TLS_CERT and RELAIS_RELAY_TLS_KEY, or neither.");
  }
  const needsTls = listeners.some((listener) => listener.kind !== "plain");
  if (needsTls && certFile === null && !embedded) {
    throw new RelaySettingsError(
      "RELAIS_RELAY_TLS_CERT and RELAIS_RELAY_TLS_KEY must name the PEM certificate and key of the relay's name (the TLS listeners need them).",
    );
  }
  return {
    listeners,
    publicHost: env.RELAIS_RELAY_PUBLIC_HOST?.trim() || portalHost(env),
    certFile,
    keyFile,
    generatedCertDir:
      certFile === null
        ? path.resolve(/*turbopackIgnore: true*/ env.RELAIS_DATA_DIR ?? ".relais-data", "relay-tls")
        : null,
    maxMessageBytes: maxMessageBytes(env as NodeJS.ProcessEnv),
    maxConnections: positive(env, "RELAIS_RELAY_MAX_CONNECTIONS", 500),
    maxConnectionsPerIp: positive(env, "RELAIS_RELAY_MAX_CONNECTIONS_PER_IP", 50),
    maxMessagesPerSession: positive(env, "RELAIS_RELAY_MAX_MESSAGES_PER_SESSION", 1000),
    socketTimeoutMs: positive(env, "RELAIS_RELAY_IDLE_TIMEOUT_SECONDS", 120) * 1000,
    proxyProtocolFrom: proxyProtocolFrom(env),
  };
}

/** What the portal tells a technician to type into a device, from the same settings. */
export function relayConnectionInfo(env: Env = process.env) {
  try {
    const settings = relaySettings(env);
    const find = (kind: RelayListener["kind"], legacy = false) =>
      settings.listeners.find((l) => l.kind === kind && l.legacyTls === legacy)?.port ?? null;
    return {
      host: settings.publicHost,
      submissionPort: find("submission"),
      tlsPort: find("tls"),
      plainPort: find("plain"),
      /** The plain listener's own addresses: devices must use one of these, not the public name. */
      plainHosts: settings.listeners.filter((l) => l.kind === "plain").map((l) => l.host),
      legacyPort: find("submission", true) ?? find("tls", true),
      /** How the legacy listener starts TLS: STARTTLS, or from the first byte. */
      legacyMode: (() => {
        const legacy = settings.listeners.find((l) => l.legacyTls);
        return legacy ? (legacy.kind === "tls" ? ("tls" as const) : ("starttls" as const)) : null;
      })(),
    };
  } catch {
    return {
      host: portalHost(env),
      submissionPort: null,
      tlsPort: null,
      plainPort: null,
      plainHosts: [],
      legacyPort: null,
      legacyMode: null,
    };
  }
}
