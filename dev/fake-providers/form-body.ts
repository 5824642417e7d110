import type { IncomingMessage } from "node:http";
import type { Context } from "koa";

const LIMIT_BYTES = 64 * 1024;

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > LIMIT_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads an urlencoded body and leaves it readable again for oidc-provider, which parses the
 * stream itself: the fakes inspect requests (to answer like the real providers) before
 * oidc-provider handles them.
 */
export async function peekForm(ctx: Context): Promise<URLSearchParams> {
  if (ctx.method !== "POST" || !ctx.is("application/x-www-form-urlencoded")) return new URLSearchParams();
  const cached = (ctx.state as { fakeForm?: URLSearchParams }).fakeForm;
  if (cached) return cached;
  const body = await readAll(ctx.req);
  const form = new URLSearchParams(body.toString("utf8"));
  replayBody(ctx, body);
  (ctx.state as { fakeForm?: URLSearchParams }).fakeForm = form;
  return form;
}

/** Replaces the body oidc-provider will read (e.g. after adding a parameter). */
export function replaceForm(ctx: Context, form: URLSearchParams): void {
  const body = Buffer.from(form.toString(), "utf8");
  ctx.req.headers["content-length"] = String(body.length);
  replayBody(ctx, body);
  (ctx.state as { fakeForm?: URLSearchParams }).fakeForm = form;
}

function replayBody(ctx: Context, body: Buffer): void {
  Object.defineProperty(ctx.req, "readable", { value: true, configurable: true });
  Object.defineProperty(ctx.req, "iterator", {
    configurable: true,
    value: async function* replay() {
      yield body;
    },
  });
}

/** Basic credentials, decoded the way RFC 6749 section 2.3.1 encodes them. */
export function basicCredentials(ctx: Context): { clientId: string; secret: string } | undefined {
  const header = ctx.get("authorization");
  const match = /^basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const unescape = (value: string) => decodeURIComponent(value.replace(/\+/g, "%20"));
  try {
    return { clientId: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** Reads a small urlencoded form posted to one of the fakes' own pages. */
export async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is("application/x-www-form-urlencoded")) return new URLSearchParams();
  return new URLSearchParams((await readAll(ctx.req)).toString("utf8"));
}
