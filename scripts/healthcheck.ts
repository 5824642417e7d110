import net from "node:net";
import tls from "node:tls";
import { Client } from "pg";
import { relaySettings } from "../lib/relay/relay-settings";

// Usage in the container image (docs/deploy.md): node dist/healthcheck.mjs portal|worker|relay
// Exit code 0 when healthy, 1 otherwise, with one line saying why (never a URL or a secret).
//   portal  GET /api/health on this container answers 200 (docs/health.md)
//   worker  the worker has no endpoint: its database answers SELECT 1 (the container's
//           process is the worker; a worker that fails exits, and the restart policy restarts it)
//   relay   the relay's first listener answers with its SMTP greeting (220)
const TIMEOUT_MS = 5000;

async function portal(): Promise<string> {
  const url = `http://127.0.0.1:${process.env.PORT || "3000"}/api/health`;
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status !== 200) throw new Error(`/api/health answered ${response.status}`);
  return "/api/health answered 200";
}

async function worker(): Promise<string> {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const client = new Client({
    connectionString: process.env.DATABASE_URL,
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
  return "the database answers";
}

const LOOPBACK: Record<string, string> = {
  "0.0.0.0": "127.0.0.1",
  "*": "127.0.0.1",
  "::": "::1",
  "[::]": "::1",
};

async function relay(): Promise<string> {
  const listener = relaySettings(process.env).listeners[0];
  if (!listener) throw new Error("no relay listener is configured");
  const host = LOOPBACK[listener.host] ?? listener.host;
  const greeting = await new Promise<string>((resolve, reject) => {
    const socket =
      listener.kind === "tls"
        ? tls.connect({ host, port: listener.port, rejectUnauthorized: false })
        : net.connect({ host, port: listener.port });
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error("no greeting within 5 s")));
    socket.once("error", reject);
    socket.once("data", (data) => {
      resolve(String(data));
      socket.end("QUIT\r\n");
    });
  });
  if (!greeting.startsWith("220")) throw new Error(`port ${listener.port} greeted with "${greeting.trim()}"`);
  return `port ${listener.port} answers 220`;
}

const checks: Record<string, () => Promise<string>> = { portal, worker, relay };
const name = process.argv[2] ?? "";
const check = checks[name];
if (!check) {
  console.error("Usage: node dist/healthcheck.mjs portal|worker|relay");
  process.exit(2);
}
check().then(
  (line) => {
    console.log(`${name}: healthy, ${line}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`${name}: unhealthy, ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
