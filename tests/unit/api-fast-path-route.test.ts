import { describe, expect, it } from "vitest";
import { fastPathRoute } from "@/lib/api/api-fast-path";
import { apiFastPathEnabled } from "@/lib/api/api-fast-path-setting";

describe("the requests the submission's fast path takes", () => {
  it("is a POST to the submission or the batch, with or without a query; anything else goes to Next.js", () => {
    const takes = (method: string, url: string) => fastPathRoute({ method, url }) !== null;
    expect(takes("POST", "/api/v1/messages")).toBe(true);
    expect(takes("POST", "/api/v1/messages?source=sis")).toBe(true);
    expect(takes("POST", "/api/v1/messages/batch")).toBe(true);
    expect(fastPathRoute({ method: "POST", url: "/api/v1/messages" })).not.toBe(
      fastPathRoute({ method: "POST", url: "/api/v1/messages/batch" }),
    );
    for (const [method, url] of [
      ["GET", "/api/v1/messages"],
      ["HEAD", "/api/v1/messages"],
      ["OPTIONS", "/api/v1/messages/batch"],
      ["POST", "/api/v1/messages/"],
      ["POST", "/api/v1/messages/batch/"],
      ["POST", "/api/v1/messagesx"],
      ["POST", "/api/v1/messages/0d6f3c1e-0000-4000-8000-000000000000"],
      ["DELETE", "/api/v1/messages/0d6f3c1e-0000-4000-8000-000000000000"],
      ["POST", "/api/v1/webhooks"],
      ["POST", "/api/v2/messages"],
      ["POST", "/API/V1/MESSAGES"],
      ["POST", "/"],
    ] as const)
      expect(takes(method, url), `${method} ${url}`).toBe(false);
    expect(fastPathRoute({ method: "POST", url: undefined })).toBeNull();
  });

  it("is on for the production server on PostgreSQL only, and can be turned off", () => {
    const production = { DATABASE_URL: "postgresql://relais@db/relais", NODE_ENV: "production" };
    expect(apiFastPathEnabled(production)).toBe(true);
    expect(apiFastPathEnabled({ ...production, RELAIS_API_FAST_PATH: "true" })).toBe(true);
    expect(apiFastPathEnabled({ ...production, RELAIS_API_FAST_PATH: "false" })).toBe(false);
    // The embedded database (no DATABASE_URL) and `next dev` keep the routes.
    expect(apiFastPathEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(apiFastPathEnabled({ ...production, NODE_ENV: "development" })).toBe(false);
  });
});
