import type { Context, Next } from "koa";
import { errorPageHtml } from "./error-page";
import type { FakeOAuthServer } from "./fake-world";
import { answer, type FakeRequestState } from "./token-endpoint";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALIASES = new Set(["common", "organizations", "consumers"]);
const DIRECTORY_PATH = /^\/([^/]+)(\/oauth2\/v2\.0\/[\w/-]+|\/v2\.0\/\.well-known\/openid-configuration)$/;

export function isMicrosoftDirectory(directory: string): boolean {
  return ALIASES.has(directory) || GUID.test(directory);
}

/**
 * Microsoft serves every directory (tenant) under its own path prefix: /organizations/oauth2/v2.0/…,
 * /common/…, /<tenant-guid>/…. The prefix is noted and removed before oidc-provider routes the request.
 */
export function microsoftDirectories(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const match = DIRECTORY_PATH.exec(ctx.path);
    if (!match?.[1] || !match[2]) return next();
    const [, directory, rest] = match;
    if (!isMicrosoftDirectory(directory)) {
      const { status, body } = server.formatError("tenant_not_found", { directory });
      if (ctx.method === "GET" && rest.endsWith("/authorize")) {
        ctx.status = status;
        ctx.type = "html";
        ctx.body = errorPageHtml(server.name, "invalid_request", String(body.error_description));
      } else {
        answer(ctx, status, body);
      }
      return;
    }
    (ctx.state as FakeRequestState).directory = directory;
    ctx.path = rest.startsWith("/v2.0/") ? "/.well-known/openid-configuration" : rest;
    await next();
  };
}
