import type { Context, Next } from "koa";
import type { FakeProvidersControl } from "./fake-control";

export const CONTROL_PATH = "/__fake/control";

async function readJson(ctx: Context): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

/**
 * The control API over HTTP, for fakes running in another process (scripts/fake-providers.ts):
 * POST {"method": "addMailbox", "args": ["a@school.test", {"provider": "google"}]}.
 * Loopback only, like everything else the fakes serve.
 */
export function controlEndpoint(control: FakeProvidersControl) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path !== CONTROL_PATH) return next();
    if (ctx.method !== "POST") {
      ctx.status = 405;
      return;
    }
    try {
      const request = (await readJson(ctx)) as { method?: unknown; args?: unknown };
      const method = typeof request.method === "string" ? request.method : "";
      const args = Array.isArray(request.args) ? request.args : [];
      if (!Object.hasOwn(control, method)) throw new Error(`unknown control method ${method}`);
      const call = control[method as keyof FakeProvidersControl] as (...input: unknown[]) => unknown;
      ctx.body = { result: (await call(...args)) ?? null };
    } catch (error) {
      ctx.status = 400;
      ctx.body = { error: error instanceof Error ? error.message : "control call failed" };
    }
  };
}
