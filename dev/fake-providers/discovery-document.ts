import type { Context, Next } from "koa";
import type { FakeOAuthServer } from "./fake-world";
import type { FakeRequestState } from "./token-endpoint";

const DIRECTORY_ENDPOINTS = ["authorization_endpoint", "token_endpoint", "device_authorization_endpoint"];

/**
 * The discovery document as each provider publishes it: Google lists its revocation endpoint,
 * Microsoft's endpoints carry the directory the document was fetched for.
 */
export function discoveryDocument(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    await next();
    if (ctx.path !== "/.well-known/openid-configuration" || ctx.status !== 200) return;
    const body = ctx.body as Record<string, unknown>;
    if (server.name === "google") {
      ctx.body = { ...body, revocation_endpoint: `${server.baseUrl}${server.paths.revocation ?? ""}` };
      return;
    }
    const directory = (ctx.state as FakeRequestState).directory;
    if (!directory) return;
    const prefixed = { ...body };
    for (const key of DIRECTORY_ENDPOINTS) {
      const value = body[key];
      if (typeof value === "string")
        prefixed[key] = value.replace(server.baseUrl, `${server.baseUrl}/${directory}`);
    }
    ctx.body = prefixed;
  };
}
