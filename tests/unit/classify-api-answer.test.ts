import { describe, expect, it } from "vitest";
import { apiSendErrorOf, retryAfterMs } from "@/lib/transports/api-send-error";
import { classifyApiAnswer } from "@/lib/transports/classify-api-answer";
import { scopesToRequest, sendScopesFor } from "@/lib/transports/transport-scopes";

const graph = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  classifyApiAnswer(apiSendErrorOf(status, JSON.stringify({ error: { code, message } }), headers));
const gmail = (status: number, reason: string, message: string, headers: Record<string, string> = {}) =>
  classifyApiAnswer(
    apiSendErrorOf(
      status,
      JSON.stringify({ error: { code: status, message, errors: [{ reason, message }], status: "X" } }),
      headers,
    ),
  );

describe("what a Graph or Gmail API refusal means", () => {
  it("waits for Retry-After on 429 and 503, within bounds, 60 s when absent", () => {
    expect(graph(429, "TooManyRequests", "Slow down", { "retry-after": "30" })).toMatchObject({
      kind: "throttled",
      retryAfterMs: 30_000,
      response: "429 TooManyRequests: Slow down",
    });
    expect(graph(503, "serviceNotAvailable", "Later")).toMatchObject({
      kind: "throttled",
      retryAfterMs: 60_000,
    });
    expect(gmail(429, "userRateLimitExceeded", "Too fast", { "retry-after": "0" })).toMatchObject({
      retryAfterMs: 1_000,
    });
    expect(gmail(403, "rateLimitExceeded", "Too fast", { "retry-after": "99999" })).toMatchObject({
      kind: "throttled",
      retryAfterMs: 3_600_000,
    });
  });

  it("tells quota, Send As, missing permission, token refusal, permanent and temporary apart", () => {
    expect(graph(403, "ErrorExceededMessageLimit", "Sending quota exceeded").kind).toBe("quota");
    expect(gmail(403, "dailyLimitExceeded", "Daily user sending limit exceeded.").kind).toBe("quota");
    expect(graph(403, "ErrorSendAsDenied", "No right").kind).toBe("send_as_denied");
    expect(gmail(403, "forbidden", "Delegation denied for a@b.test").kind).toBe("send_as_denied");
    expect(graph(403, "ErrorAccessDenied", "Access is denied.").kind).toBe("scope");
    expect(
      gmail(403, "insufficientPermissions", "Request had insufficient authentication scopes.").kind,
    ).toBe("scope");
    expect(graph(401, "InvalidAuthenticationToken", "Expired").kind).toBe("auth");
    expect(graph(400, "ErrorInvalidRecipients", "Bad recipient")).toEqual({
      kind: "permanent",
      code: 400,
      response: "400 ErrorInvalidRecipients: Bad recipient",
    });
    expect(graph(500, "generalException", "Oops").kind).toBe("temporary");
    expect(classifyApiAnswer(apiSendErrorOf(502, "<html>bad gateway</html>", {}))).toMatchObject({
      kind: "temporary",
      response: "502: <html>bad gateway</html>",
    });
  });

  it("reads Retry-After as seconds or as a date", () => {
    const now = Date.parse("2026-12-06T10:00:00Z");
    expect(retryAfterMs("12", now)).toBe(12_000);
    expect(retryAfterMs("Sun, 06 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});

describe("the scopes each transport needs", () => {
  it("asks a mailbox moved to Graph for Mail.Send instead of SMTP.Send, and a delegate for Mail.Send.Shared", () => {
    const config = {
      provider: "microsoft" as const,
      transport: "smtp" as const,
      scopes: ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"],
    };
    expect(scopesToRequest(config, { transport: null, delegateAccount: null })).toEqual(config.scopes);
    expect(scopesToRequest(config, { transport: "graph", delegateAccount: "jean@college.test" })).toEqual([
      "https://graph.microsoft.com/Mail.Send",
      "https://graph.microsoft.com/Mail.Send.Shared",
      "offline_access",
      "openid",
      "email",
    ]);
    expect(sendScopesFor({ provider: "google" }, "gmail_api")).toEqual([
      "https://www.googleapis.com/auth/gmail.send",
    ]);
    expect(sendScopesFor({ provider: "google" }, "gmail_api", { delegate: true })).toContain(
      "https://www.googleapis.com/auth/gmail.settings.basic",
    );
  });
});
