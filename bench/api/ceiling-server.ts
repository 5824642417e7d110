import { randomUUID } from "node:crypto";
import http from "node:http";
import { Pool } from "pg";
import { apiKeyFromHeader, hashApiKey } from "../../lib/api-keys/api-key-secret";
import { renderQueuedMessage } from "../../lib/outbox/render-message";

// The API benchmark's ceiling: a bare node:http server that does the least the route must do with
// the same request, over `pg` (default pool of 10): find the key by its hash (unrevoked, school
// not suspended), then one INSERT … SELECT of the mail from the key's mailbox with that address, its
// message built as the queue keeps it (the same function as the portal's), answered 202 { id, status,
// messageId }. No framework, no Prisma, no validation beyond JSON.
// Env: DATABASE_URL, PORT. Prints "ready" when listening.

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const FIND_KEY = `
  SELECT k.id, k."tenantId" FROM "ApiKey" k JOIN "Tenant" t ON t.id = k."tenantId"
   WHERE k."keyHash" = $1 AND k."revokedAt" IS NULL AND t."suspendedAt" IS NULL`;
const INSERT_MAIL = `
  INSERT INTO "OutgoingMail" ("tenantId", "mailboxId", "messageId", source, "apiKeyId", "to", cc, bcc,
                              subject, text, raw, "sizeBytes", "recipientCount", "updatedAt")
  SELECT m."tenantId", m.id, $3, 'api', $1, $4, '{}', '{}', $5, $6, $9, $7, cardinality($4::text[]), now()
    FROM "Mailbox" m JOIN "ApiKeyMailbox" km ON km."mailboxId" = m.id
   WHERE km."apiKeyId" = $1 AND km."tenantId" = $2 AND m.address = $8 AND m.state <> 'revoked'
  RETURNING id, status`;

type Message = { from?: unknown; to?: unknown; subject?: unknown; text?: unknown };

function answer(response: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (request.method !== "POST" || request.url !== "/api/v1/messages") return answer(response, 404, {});
  const key = apiKeyFromHeader(request.headers.authorization ?? null);
  if (!key) return answer(response, 401, { error: "unauthenticated" });
  let message: Message;
  try {
    message = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Message;
  } catch {
    return answer(response, 400, { error: "invalid_request" });
  }
  const found = await pool.query<{ id: string; tenantId: string }>({
    name: "find-key",
    text: FIND_KEY,
    values: [hashApiKey(key)],
  });
  const apiKey = found.rows[0];
  if (!apiKey) return answer(response, 401, { error: "unauthenticated" });
  const to = Array.isArray(message.to) ? message.to.map(String) : [String(message.to)];
  const text = String(message.text ?? "");
  const subject = String(message.subject ?? "");
  const messageId = `<${randomUUID()}@${String(message.from).split("@")[1] ?? "relais"}>`;
  const from = String(message.from).trim().toLowerCase();
  const raw = renderQueuedMessage({
    from: { name: "", address: from },
    to,
    cc: [],
    subject,
    text,
    messageId,
  });
  const inserted = await pool.query<{ id: string; status: string }>({
    name: "insert-mail",
    text: INSERT_MAIL,
    values: [
      apiKey.id,
      apiKey.tenantId,
      messageId,
      to,
      subject,
      text,
      Buffer.byteLength(subject) + Buffer.byteLength(text),
      from,
      raw,
    ],
  });
  const row = inserted.rows[0];
  if (!row) return answer(response, 404, { error: "mailbox_not_found" });
  answer(response, 202, { id: row.id, status: row.status, messageId });
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(`ceiling: ${error instanceof Error ? error.message : String(error)}`);
    if (!response.headersSent) answer(response, 500, { error: "internal" });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
