import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import { authenticateApiKey, type ApiKeySender } from "@/lib/api-keys/authenticate-api-key";
import { publicUrl } from "@/lib/config/public-url";
import everyResponseHeaders from "@/lib/http/every-response-headers.json";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/http/request-id";
import { apiSecurityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/log/logger";
import { apiErrorReply, type ApiReply } from "./api-response";
import { submitMessage, submitMessageBatch } from "./message-submission";
import { maxBodyBytes, parseJsonBody, tooLarge } from "./read-json-body";
import { unauthenticated } from "./with-api-key";

/**
 * The submission's fast path (docs/api-submission.md): `POST /api/v1/messages`
 * and `POST /api/v1/messages/batch` answered from Node's request and response
 * as soon as the portal's server receives them, before Next.js routes them.
 * The same checks, the same statements and the same answers as their routes
 * (lib/api/message-submission.ts), for a fraction of a request's cost through
 * the App Router, which the routes still serve wherever the fast path is off.
 */
type Submission = (sender: ApiKeySender, request: IncomingMessage, body: unknown) => Promise<ApiReply>;

const SUBMISSIONS = new Map<string, Submission>([
  [
    "/api/v1/messages",
    (sender, request, body) => submitMessage(sender, body, headerOf(request, "idempotency-key")),
  ],
  ["/api/v1/messages/batch", (sender, _request, body) => submitMessageBatch(sender, body)],
]);

function headerOf(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : (value?.[0] ?? null);
}

/** The route a request is for, when the fast path serves it. */
export function fastPathRoute(request: Pick<IncomingMessage, "method" | "url">): Submission | null {
  if (request.method !== "POST" || !request.url) return null;
  const query = request.url.indexOf("?");
  return SUBMISSIONS.get(query === -1 ? request.url : request.url.slice(0, query)) ?? null;
}

/** The client went away before its body was read whole: there is no one to answer. */
class RequestAborted extends Error {}

/**
 * The body, at most `limit` bytes, as JSON. Beyond the limit: 413, the rest
 * read and dropped, or, when the declared length says so, not read at all
 * (the connection is closed after the answer).
 */
function readBody(request: IncomingMessage, response: ServerResponse, limit: number): Promise<unknown> {
  const declared = Number(headerOf(request, "content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    response.shouldKeepAlive = false;
    return Promise.reject(tooLarge());
  }
  // Destroyed while the key was being checked (no listener saw it then).
  if (request.destroyed && !request.complete) return Promise.reject(new RequestAborted());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
      else {
        // The rest is read and dropped (the answer goes back on the same connection), not kept.
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
      }
    });
    request.on("end", () => {
      // An empty body is invalid JSON, as the route says of it behind Next.js.
      if (!refused) {
        try {
          resolve(parseJsonBody(Buffer.concat(chunks, size)));
        } catch (error) {
          reject(error);
        }
      }
    });
    request.on("close", () => {
      if (!request.complete) reject(new RequestAborted());
    });
    request.on("error", reject);
  });
}

/** The headers every answer of the API carries, as the routes' wrappers and next.config.mjs give them. */
function headersFor(requestId: string): Record<string, string> {
  return {
    ...everyResponseHeaders,
    "Cache-Control": "no-store",
    ...apiSecurityHeaders(publicUrl()),
    [REQUEST_ID_HEADER]: requestId,
  };
}

function write(response: ServerResponse, reply: ApiReply, requestId: string) {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...headersFor(requestId),
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}

/** Serves one submission: authenticates the key, reads the body, queues, answers; never throws. */
export async function serveFastPath(
  request: IncomingMessage,
  response: ServerResponse,
  route: Submission,
): Promise<void> {
  const requestId = requestIdFor(headerOf(request, REQUEST_ID_HEADER));
  let tenantId: string | undefined;
  let reply: ApiReply;
  try {
    const sender = await authenticateApiKey(headerOf(request, "authorization"));
    if (!sender) throw unauthenticated();
    tenantId = sender.tenantId;
    reply = await route(sender, request, await readBody(request, response, maxBodyBytes()));
  } catch (error) {
    // The client went away before its body was read: there is no one to answer.
    if (error instanceof RequestAborted || (request.destroyed && !request.complete)) return;
    reply = apiErrorReply(error, { requestId, tenantId });
  }
  try {
    write(response, reply, requestId);
  } catch (error) {
    logger().error({ requestId, tenantId, err: error }, "API answer could not be written");
    response.destroy();
  }
}

const INSTALLED_KEY = "__relaisApiFastPathInstalled";

/**
 * Makes this process's HTTP servers answer the submissions themselves
 * (`serveFastPath`), before any listener sees them; every other request goes
 * on to Next.js. Next.js creates its server before running
 * instrumentation.ts and exposes neither the server nor its requests, so, as
 * the peer-address stamp does (lib/http/peer-address-stamp.ts), this wraps
 * the servers' `emit("request")`. Installed after that stamp, it sees the
 * requests first: a submission does not use the client's address. Idempotent.
 */
export function installApiFastPath(): void {
  const holder = globalThis as { [INSTALLED_KEY]?: boolean };
  if (holder[INSTALLED_KEY]) return;
  holder[INSTALLED_KEY] = true;
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit;
    prototype.emit = function emitWithFastPath(
      this: http.Server,
      event: string | symbol,
      ...args: unknown[]
    ) {
      if (event === "request") {
        const route = fastPathRoute(args[0] as IncomingMessage);
        if (route) {
          const response = args[1] as ServerResponse;
          // serveFastPath answers every failure itself; should that ever fail too, the connection goes.
          serveFastPath(args[0] as IncomingMessage, response, route).catch(() => response.destroy());
          return true;
        }
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    };
  }
}
