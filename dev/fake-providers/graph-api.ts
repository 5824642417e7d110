import { randomUUID } from "node:crypto";
import type { Context, Next } from "koa";
import type { AccessToken } from "oidc-provider";
import { checkBearer, countRequest, hasScope, readBody, respond, sleep } from "./api-request";
import type { QueuedApiAnswer } from "./api-switches";
import type { FakeOAuthServer } from "./fake-world";
import { GRAPH_WWW_AUTHENTICATE, graphError, type ApiAnswer, type GraphErrorName } from "./graph-answers";
import { normalizeAddress, type FakeMailbox } from "./mailbox-directory";
import { MimeMessage } from "./mime-message";

/** Where the fake Graph is mounted on the Microsoft-like server: `${baseUrl}/graph/v1.0/…`. */
export const GRAPH_PATH_PREFIX = "/graph";

const SEND_MAIL = /^\/graph\/v1\.0\/(?:me|users\/([^/]+))\/sendmail\/?$/i;
/** `GET /v1.0/me` and `GET /v1.0/users/{id | userPrincipalName}`: a user's profile. */
const USER = /^\/graph\/v1\.0\/(?:me|users\/([^/]+))\/?$/i;
/** Graph refuses request bodies over 4 MB (the base64 MIME text counts). */
export const GRAPH_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Outlook resources allow 4 concurrent requests per application and mailbox. */
export const GRAPH_MAX_CONCURRENT_REQUESTS = 4;

const MAIL_SEND = ["https://graph.microsoft.com/Mail.Send", "Mail.Send"];
const MAIL_SEND_SHARED = ["https://graph.microsoft.com/Mail.Send.Shared", "Mail.Send.Shared"];
const OIDC_SCOPES = new Set(["openid", "email", "profile", "offline_access"]);
/** Reading one's own profile takes User.Read; another user's, User.ReadBasic.All or more. */
const USER_READ = ["https://graph.microsoft.com/User.Read", "User.Read"];
const USERS_READ = [
  "https://graph.microsoft.com/User.ReadBasic.All",
  "User.ReadBasic.All",
  "https://graph.microsoft.com/User.Read.All",
  "User.Read.All",
];

/**
 * A token is for Graph when it carries a Graph scope (long form, or a short name such as
 * `Mail.Send`); one issued for another resource only (Outlook's SMTP.Send) has the wrong audience.
 */
function isForGraph(token: AccessToken): boolean {
  return [...token.scopes].some((scope) => {
    const lower = scope.toLowerCase();
    if (OIDC_SCOPES.has(lower)) return false;
    return lower.startsWith("https://graph.microsoft.com/") || !lower.includes("/");
  });
}

/** `/users/{id | userPrincipalName}`: the account itself (by address or object id) or another mailbox. */
function targetOf(segment: string | undefined, account: FakeMailbox): string {
  if (segment === undefined) return account.email;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Left as is: an undecodable segment names no mailbox the account could be.
  }
  return decoded === account.accountId ? account.email : normalizeAddress(decoded);
}

function queuedAnswer(
  answer: QueuedApiAnswer,
  error: (status: number, name: GraphErrorName, headers?: Record<string, string>) => ApiAnswer,
): ApiAnswer {
  switch (answer.kind) {
    case "throttle": {
      const headers = { "Retry-After": String(answer.retryAfterSeconds ?? 1) };
      return answer.status === 429 ? error(429, "throttled", headers) : error(503, "unavailable", headers);
    }
    case "quota":
      return error(403, "quota");
    case "fail":
      return { status: answer.status, body: answer.body, headers: answer.headers };
  }
}

/** The message of a sendMail request: base64 MIME text (standard alphabet, padded, line breaks allowed). */
function decodeMime(body: Buffer): string | undefined {
  const text = body.toString("latin1").replace(/\s+/g, "");
  if (!text || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, "base64").toString("utf8");
}

/**
 * Microsoft Graph `POST /v1.0/me/sendMail` and `/v1.0/users/{address}/sendMail` with a MIME body
 * (`Content-Type: text/plain`, base64): tokens, scopes, Send As, throttling, the 4-request
 * concurrency limit, quota and failures as switched by the control API. Accepted: 202, no body.
 */
export function graphApi(server: FakeOAuthServer) {
  const { world } = server;
  return async (ctx: Context, next: Next): Promise<void> => {
    if (!ctx.path.startsWith(`${GRAPH_PATH_PREFIX}/`)) return next();
    const counts = world.stats.graph;
    const clientRequestId = ctx.get("client-request-id") || undefined;
    const error = (status: number, name: GraphErrorName, headers?: Record<string, string>) =>
      graphError(status, name, clientRequestId, headers);
    const user = USER.exec(ctx.path);
    if (user && ctx.method === "GET") return readUser(server, ctx, user[1], error);
    const match = SEND_MAIL.exec(ctx.path);
    if (!match) return respond(ctx, error(400, "notFound"));
    if (ctx.method !== "POST") return respond(ctx, error(405, "methodNotAllowed"));

    const bearer = await checkBearer(server, ctx);
    const read = await readBody(ctx, GRAPH_MAX_REQUEST_BYTES);
    const unauthenticated = (name: GraphErrorName) => {
      counts.authFailures += 1;
      respond(ctx, error(401, name, { "WWW-Authenticate": GRAPH_WWW_AUTHENTICATE }));
    };
    if (!bearer.ok) {
      countRequest(counts, undefined);
      const name = { missing: "missingToken", expired: "expiredToken", invalid: "invalidToken" } as const;
      return unauthenticated(name[bearer.why]);
    }
    const { token, account } = bearer;
    const target = targetOf(match[1], account);
    countRequest(counts, target);
    if (!isForGraph(token)) return unauthenticated("wrongAudience");
    const refuse = (answer: ApiAnswer) => {
      counts.messagesRefused += 1;
      respond(ctx, answer);
    };
    if (!read.ok) return refuse(error(413, "tooLarge"));
    const own = target === account.email;
    if (!hasScope(token, ...(own ? MAIL_SEND : MAIL_SEND_SHARED))) return refuse(error(403, "accessDenied"));

    const inFlight = world.api.enter(target);
    try {
      if (inFlight > GRAPH_MAX_CONCURRENT_REQUESTS)
        return refuse(error(429, "concurrency", { "Retry-After": "1" }));
      const delayMs = world.api.delayFor(target);
      if (delayMs > 0) await sleep(delayMs);
      const queued = world.api.take([target, account.email]);
      if (queued) return refuse(queuedAnswer(queued, error));

      if (!ctx.is("text/plain")) return refuse(error(400, "notMime"));
      const raw = decodeMime(read.body);
      if (raw === undefined) return refuse(error(400, "invalidBase64"));
      const mime = new MimeMessage(raw);
      const recipients = mime.addresses("to", "cc", "bcc");
      if (!recipients.length) return refuse(error(400, "noRecipients"));
      const sender = normalizeAddress(mime.fromAddress() ?? target);
      if (![target, sender].every((address) => world.sendAs.allows(account.email, address)))
        return refuse(error(403, "sendAsDenied"));
      if (world.smtp.of(target).quotaExceeded) return refuse(error(403, "quota"));

      const bcc = mime.addresses("bcc");
      mime.remove("bcc");
      world.messages.push({
        from: sender,
        to: recipients,
        raw: mime.toString(),
        auth: account.email,
        provider: "microsoft",
        receivedAt: new Date(world.clock.now()),
        transport: "graph",
        ...(bcc.length ? { bcc } : {}),
      });
      counts.messagesAccepted += 1;
      const headers: Record<string, string> = { "request-id": randomUUID() };
      if (clientRequestId) headers["client-request-id"] = clientRequestId;
      respond(ctx, { status: 202, headers });
    } finally {
      world.api.leave(target);
    }
  };
}

/**
 * A user's profile, as the preflight reads it: an access token for Graph (401 otherwise), the
 * permission to read that user (403 Authorization_RequestDenied: User.Read for oneself,
 * User.ReadBasic.All for anyone else), then the user, or 404 when the directory has no such
 * mailbox. The profile says nothing about Send As: that is judged when mail is sent.
 */
async function readUser(
  server: FakeOAuthServer,
  ctx: Context,
  segment: string | undefined,
  error: (status: number, name: GraphErrorName, headers?: Record<string, string>) => ApiAnswer,
): Promise<void> {
  const bearer = await checkBearer(server, ctx);
  const unauthenticated = (name: GraphErrorName) =>
    respond(ctx, error(401, name, { "WWW-Authenticate": GRAPH_WWW_AUTHENTICATE }));
  if (!bearer.ok) {
    const name = { missing: "missingToken", expired: "expiredToken", invalid: "invalidToken" } as const;
    return unauthenticated(name[bearer.why]);
  }
  const { token, account } = bearer;
  if (!isForGraph(token)) return unauthenticated("wrongAudience");
  const target = targetOf(segment, account);
  const queued = server.world.api.take([target, account.email]);
  if (queued) return respond(ctx, queuedAnswer(queued, error));
  const own = target === account.email;
  if (!hasScope(token, ...(own ? [...USER_READ, ...USERS_READ] : USERS_READ)))
    return respond(ctx, error(403, "insufficientPrivileges"));
  const found = own ? account : server.world.mailboxes.find(target, "microsoft");
  if (!found) return respond(ctx, error(404, "userNotFound"));
  respond(ctx, {
    status: 200,
    body: {
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
      id: found.accountId,
      displayName: found.email.split("@")[0],
      mail: found.email,
      userPrincipalName: found.email,
    },
  });
}
