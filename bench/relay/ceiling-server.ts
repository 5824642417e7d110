import { randomUUID, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { Pool } from "pg";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

// The ceiling of bench/relay/run.ts: a bare smtp-server with the relay's TLS
// settings and login mechanisms, checking one constant user name and password,
// that writes each message to PostgreSQL with one INSERT before answering 250.
// Run in a process of its own, as the relay is. Settings from the environment:
// DATABASE_URL, CEILING_PORT, CEILING_TLS ("true": implicit TLS with
// CEILING_CERT / CEILING_KEY), CEILING_USER, CEILING_PASSWORD, CEILING_MAX_BYTES.
// Prints "listening <port>" once it listens.

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function readMessage(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks, size);
}

async function main() {
  // The relay's pool is pg's default too (10 connections).
  const pool = new Pool({ connectionString: env("DATABASE_URL") });
  const user = Buffer.from(env("CEILING_USER"));
  const password = Buffer.from(env("CEILING_PASSWORD"));
  const same = (given: string | null | undefined, expected: Buffer) => {
    const bytes = Buffer.from(given ?? "");
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  };
  const secure = process.env.CEILING_TLS === "true";
  const server = new SMTPServer({
    name: "127.0.0.1",
    banner: "ceiling",
    secure,
    ...(secure
      ? {
          key: readFileSync(env("CEILING_KEY")),
          cert: readFileSync(env("CEILING_CERT")),
          minVersion: "TLSv1.2" as const,
        }
      : { disabledCommands: ["STARTTLS"] }),
    authMethods: ["PLAIN", "LOGIN"],
    authOptional: false,
    allowInsecureAuth: !secure,
    size: Number(env("CEILING_MAX_BYTES")),
    maxClients: 500,
    socketTimeout: 120_000,
    closeTimeout: 5000,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (same(auth.username, user) && same(auth.password, password))
        return callback(null, { user: auth.username });
      callback(new Error("5.7.8 Authentication credentials invalid"));
    },
    onData(stream, _session, callback) {
      readMessage(stream)
        .then(async (message) => {
          const id = randomUUID();
          await pool.query("INSERT INTO relay_ceiling (id, body) VALUES ($1, $2)", [id, message]);
          callback(null, `2.0.0 Queued as ${id}`);
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on("error", (error: Error) => console.error(`ceiling: ${error.message}`));
  server.listen(Number(env("CEILING_PORT")), "127.0.0.1", () => {
    const address = server.server.address();
    console.log(`listening ${typeof address === "object" && address ? address.port : ""}`);
  });
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
