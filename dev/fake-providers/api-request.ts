import type { Context } from "koa";
import type { AccessToken } from "oidc-provider";
import type { ApiCounts } from "./fake-stats";
import type { FakeOAuthServer } from "./fake-world";
import type { ApiAnswer } from "./graph-answers";
import type { FakeMailbox } from "./mailbox-directory";

export type BearerCheck =
  | { ok: true; token: AccessToken; account: FakeMailbox }
  | { ok: false; why: "missing" | "expired" | "invalid" };

/**
 * The bearer of an API request: a live access token issued by this fake provider for an account
 * it knows. An expired token (expireAccessTokens, advanceClock, its TTL) is told apart from an
 * unknown or revoked one, as the providers word them differently.
 */
export async function checkBearer(server: FakeOAuthServer, ctx: Context): Promise<BearerCheck> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get("authorization"));
  if (!match?.[1]) return { ok: false, why: "missing" };
  const value = match[1];
  const token = await server.provider.AccessToken.find<AccessToken>(value);
  if (!token) {
    const expired =
      server.store.find("AccessToken", value) !== undefined ||
      server.store.tombstone("AccessToken", value)?.reason === "expired";
    return { ok: false, why: expired ? "expired" : "invalid" };
  }
  const account = token.accountId ? server.world.mailboxes.byAccount(token.accountId) : undefined;
  if (!account || account.provider !== server.name) return { ok: false, why: "invalid" };
  return { ok: true, token, account };
}

export type BodyRead = { ok: true; body: Buffer } | { ok: false };

/** Reads the request body up to `limit` bytes; beyond it the rest is drained and `ok` is false. */
export async function readBody(ctx: Context, limit: number): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size <= limit ? { ok: true, body: Buffer.concat(chunks) } : { ok: false };
}

/** Writes an API answer: JSON, or an empty body without a content type. */
export function respond(ctx: Context, answer: ApiAnswer): void {
  ctx.status = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
  if (answer.body === undefined) {
    ctx.body = "";
    ctx.remove("Content-Type");
    return;
  }
  ctx.type = "application/json; charset=UTF-8";
  ctx.body = JSON.stringify(answer.body);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Counts a request for a mailbox in the API counters. */
export function countRequest(counts: ApiCounts, mailbox: string | undefined): void {
  counts.requests += 1;
  const key = mailbox ?? "unknown";
  counts.requestsByMailbox[key] = (counts.requestsByMailbox[key] ?? 0) + 1;
}

/** Scopes compared without regard to case, as Microsoft does. */
export function hasScope(token: AccessToken, ...wanted: string[]): boolean {
  const granted = new Set([...token.scopes].map((scope) => scope.toLowerCase()));
  return wanted.some((scope) => granted.has(scope.toLowerCase()));
}
