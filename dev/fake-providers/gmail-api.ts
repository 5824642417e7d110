import { randomBytes } from "node:crypto";
import type { Context, Next } from "koa";
import { checkBearer, countRequest, hasScope, readBody, respond, sleep } from "./api-request";
import type { QueuedApiAnswer } from "./api-switches";
import type { FakeOAuthServer } from "./fake-world";
import { gmailError } from "./gmail-answers";
import type { ApiAnswer } from "./graph-answers";
import { normalizeAddress, type FakeMailbox } from "./mailbox-directory";
import { MimeMessage } from "./mime-message";

/** Where the fake Gmail API is mounted on the Google-like server: `${baseUrl}/gmail-api/gmail/v1/…`. */
export const GMAIL_API_PATH_PREFIX = "/gmail-api";

const USER_ROUTE = /^\/gmail-api\/gmail\/v1\/users\/([^/]+)\/(messages\/send|settings\/sendAs|profile)\/?$/;
/** Google refuses larger request payloads (a 35 MB message is about 47 MB in base64). */
const MAX_REQUEST_BYTES = 50 * 1024 * 1024;

/** The scopes `users.messages.send` accepts. */
const SEND_SCOPES = [
  "https://www.googleapis.com/auth/gmail.send",
  "https://mail.google.com/",
  "https://www.googleapis.com/auth/gmail.compose",
  "https://www.googleapis.com/auth/gmail.modify",
];
/** The scopes `users.getProfile` accepts (not gmail.send, nor gmail.settings.basic). */
const PROFILE_SCOPES = [
  "https://mail.google.com/",
  "https://www.googleapis.com/auth/gmail.modify",
  "https://www.googleapis.com/auth/gmail.compose",
  "https://www.googleapis.com/auth/gmail.readonly",
  "https://www.googleapis.com/auth/gmail.metadata",
];
/** The scopes `users.settings.sendAs.list` accepts (not gmail.send). */
const SETTINGS_SCOPES = [
  "https://www.googleapis.com/auth/gmail.settings.basic",
  "https://www.googleapis.com/auth/gmail.readonly",
  "https://www.googleapis.com/auth/gmail.modify",
  "https://mail.google.com/",
];

function queuedAnswer(answer: QueuedApiAnswer, now: number): ApiAnswer {
  switch (answer.kind) {
    case "throttle": {
      const seconds = answer.retryAfterSeconds ?? 1;
      const headers = { "Retry-After": String(seconds) };
      if (answer.status === 503) return gmailError("unavailable", {}, headers);
      const retryAt = new Date(now + seconds * 1000).toISOString();
      return gmailError(answer.reason ?? "userRateLimitExceeded", { retryAt }, headers);
    }
    case "quota":
      return gmailError("dailyLimitExceeded");
    case "fail":
      return { status: answer.status, body: answer.body, headers: answer.headers };
  }
}

/** `raw`: base64url as documented; proto3 JSON also takes the standard alphabet, padded or not. */
function decodeRaw(raw: string): string | undefined {
  if (!raw || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw) || raw.replace(/=+$/, "").length % 4 === 1)
    return undefined;
  return Buffer.from(raw.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8") || "{}");
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function sendAsList(server: FakeOAuthServer, account: FakeMailbox): unknown {
  const primary = {
    sendAsEmail: account.email,
    displayName: "",
    replyToAddress: "",
    signature: "",
    isPrimary: true,
    isDefault: true,
  };
  const aliases = server.world.sendAs.aliasesOf(account.email).map((alias) => ({
    sendAsEmail: alias,
    displayName: "",
    replyToAddress: "",
    signature: "",
    isDefault: false,
    treatAsAlias: true,
    verificationStatus: "accepted",
  }));
  return { sendAs: [primary, ...aliases] };
}

/**
 * The Gmail API's `POST /gmail/v1/users/me/messages/send` (JSON `{raw}`) and, for the alias
 * check, `GET /gmail/v1/users/me/settings/sendAs`. A From that is neither the account nor one of
 * its send-as aliases is silently replaced with the account's address, as Gmail does; and
 * `GET /gmail/v1/users/me/profile` (the preflight's look at the account).
 */
export function gmailApi(server: FakeOAuthServer) {
  const { world } = server;
  return async (ctx: Context, next: Next): Promise<void> => {
    if (!ctx.path.startsWith(`${GMAIL_API_PATH_PREFIX}/`)) return next();
    const counts = world.stats.gmailApi;
    const match = USER_ROUTE.exec(ctx.path);
    const wanted = match?.[2] === "messages/send" ? "POST" : "GET";
    if (!match?.[1] || ctx.method !== wanted) return respond(ctx, gmailError("notFound"));
    const sending = wanted === "POST";

    const bearer = await checkBearer(server, ctx);
    const read = await readBody(ctx, MAX_REQUEST_BYTES);
    if (!bearer.ok) {
      if (sending) {
        countRequest(counts, undefined);
        counts.authFailures += 1;
      }
      return respond(ctx, gmailError("unauthenticated"));
    }
    const { token, account } = bearer;
    const userId = decodeSegment(match[1]);
    if (match[2] === "profile") {
      if (!hasScope(token, ...PROFILE_SCOPES)) return respond(ctx, gmailError("insufficientScopes"));
      if (userId !== "me" && normalizeAddress(userId) !== account.email)
        return respond(ctx, gmailError("delegationDenied", { account: userId }));
      const queued = world.api.take([account.email]);
      if (queued) return respond(ctx, queuedAnswer(queued, world.clock.now()));
      const sent = world.messages.filter((message) => message.auth === account.email).length;
      return respond(ctx, {
        status: 200,
        body: { emailAddress: account.email, messagesTotal: sent, threadsTotal: sent, historyId: "1" },
      });
    }
    if (!sending) {
      if (!hasScope(token, ...SETTINGS_SCOPES)) return respond(ctx, gmailError("insufficientScopes"));
      if (userId !== "me" && normalizeAddress(userId) !== account.email)
        return respond(ctx, gmailError("delegationDenied", { account: userId }));
      return respond(ctx, { status: 200, body: sendAsList(server, account) });
    }

    countRequest(counts, account.email);
    const refuse = (answer: ApiAnswer) => {
      counts.messagesRefused += 1;
      respond(ctx, answer);
    };
    if (!hasScope(token, ...SEND_SCOPES)) return refuse(gmailError("insufficientScopes"));
    // users/{userId}: "me" or the account's own address; anyone else needs domain-wide delegation.
    if (userId !== "me" && normalizeAddress(userId) !== account.email)
      return refuse(gmailError("delegationDenied", { account: userId }));
    if (!read.ok) return refuse(gmailError("tooLarge"));

    world.api.enter(account.email);
    try {
      const delayMs = world.api.delayFor(account.email);
      if (delayMs > 0) await sleep(delayMs);
      const queued = world.api.take([account.email]);
      if (queued) return refuse(queuedAnswer(queued, world.clock.now()));

      const json = parseJson(read.body);
      if (!json) return refuse(gmailError("invalidJson"));
      if (typeof json.raw !== "string" || !json.raw) return refuse(gmailError("rawRequired"));
      const raw = decodeRaw(json.raw);
      if (raw === undefined) return refuse(gmailError("invalidRaw"));
      const mime = new MimeMessage(raw);
      const recipients = mime.addresses("to", "cc", "bcc");
      if (!recipients.length) return refuse(gmailError("noRecipients"));
      if (world.smtp.of(account.email).quotaExceeded) return refuse(gmailError("dailyLimitExceeded"));

      const written = mime.fromAddress();
      const kept = written !== undefined && world.sendAs.allows(account.email, written);
      if (!kept) mime.replaceFromAddress(account.email);
      const bcc = mime.addresses("bcc");
      mime.remove("bcc");
      const id = randomBytes(8).toString("hex");
      const threadId = typeof json.threadId === "string" && json.threadId ? json.threadId : id;
      world.messages.push({
        from: kept ? normalizeAddress(written) : account.email,
        to: recipients,
        raw: mime.toString(),
        auth: account.email,
        provider: "google",
        receivedAt: new Date(world.clock.now()),
        transport: "gmail_api",
        apiMessageId: id,
        threadId,
        ...(bcc.length ? { bcc } : {}),
        ...(written !== undefined && !kept ? { rewrittenFrom: normalizeAddress(written) } : {}),
      });
      counts.messagesAccepted += 1;
      respond(ctx, { status: 200, body: { id, threadId, labelIds: ["SENT"] } });
    } finally {
      world.api.leave(account.email);
    }
  };
}
