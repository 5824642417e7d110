import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  GRAPH_ERRORS,
  GRAPH_MAX_REQUEST_BYTES,
  startFakeProviders,
  type FakeProvidersHandle,
} from "@/dev/fake-providers";
import { connectMailbox, refresh } from "./connect-mailbox";
import { apiGet, errorOf, graphSendMail, mime } from "./mail-api";

const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const MICROSOFT = { clientId: "eeeeeeee-0000-4000-8000-000000000005" };
const GOOGLE = { clientId: "graph-test.apps.googleusercontent.com", clientSecret: "GOCSPX-graph" };
const TEACHER = "prof@college.test";
const DELEGATE = "adjoint@college.test";
const SHARED = "secretariat@college.test";
const MAIL_SEND = "https://graph.microsoft.com/Mail.Send";
const MAIL_SEND_SHARED = "https://graph.microsoft.com/Mail.Send.Shared";

let fakes: FakeProvidersHandle;
let teacherToken: string;
let teacherRefreshToken: string;
let delegateToken: string;

function connect(email: string, scope: string) {
  return connectMailbox(fakes, { provider: "microsoft", email, ...MICROSOFT, redirectUri: REDIRECT, scope });
}

beforeAll(async () => {
  fakes = await startFakeProviders({
    mailboxes: [
      { email: TEACHER, provider: "microsoft" },
      { email: DELEGATE, provider: "microsoft" },
      { email: "smtp-only@college.test", provider: "microsoft" },
      { email: "reader@college.test", provider: "microsoft" },
      { email: "short@college.test", provider: "microsoft" },
      { email: "gmail@lycee.test", provider: "google" },
    ],
    clients: [
      { provider: "microsoft", ...MICROSOFT, redirectUris: [REDIRECT] },
      { provider: "google", ...GOOGLE, redirectUris: [REDIRECT] },
    ],
  });
  const teacher = await connect(TEACHER, `${MAIL_SEND} offline_access`);
  teacherToken = String(teacher.tokens.access_token);
  teacherRefreshToken = String(teacher.tokens.refresh_token);
  const delegate = await connect(DELEGATE, `${MAIL_SEND} ${MAIL_SEND_SHARED} offline_access`);
  delegateToken = String(delegate.tokens.access_token);
});

afterAll(async () => {
  await fakes.close();
});

beforeEach(() => {
  fakes.control.clearMessages();
  fakes.control.resetStats();
  fakes.control.resetApiConcurrency();
  fakes.control.setApiDelay(0);
});

describe("fake Graph sendMail", () => {
  it("is mounted on the Microsoft-like server", () => {
    expect(fakes.microsoft.graphBaseUrl).toBe(`${fakes.microsoft.baseUrl}/graph`);
    expect(fakes.microsoft.graphMailSendScope).toBe(MAIL_SEND);
  });

  it("accepts a MIME message from /me/sendMail with 202 and no body, and records it", async () => {
    const message = mime({
      from: `"M. Prof" <${TEACHER}>`,
      to: "parent@example.test, Autre <autre@example.test>",
      cc: "cc@example.test",
      bcc: "cache@example.test",
      subject: "Bulletin du trimestre",
    });
    const response = await graphSendMail(fakes, teacherToken, message);
    expect(response.status).toBe(202);
    expect(response.text).toBe("");
    expect(response.headers.get("content-type")).toBeNull();
    const [recorded, ...others] = fakes.control.messages();
    expect(others).toEqual([]);
    expect(recorded).toMatchObject({
      transport: "graph",
      from: TEACHER,
      to: ["parent@example.test", "autre@example.test", "cc@example.test", "cache@example.test"],
      bcc: ["cache@example.test"],
      auth: TEACHER,
      provider: "microsoft",
    });
    expect(recorded?.raw).toContain("Subject: Bulletin du trimestre");
    expect(recorded?.raw).not.toMatch(/^Bcc:/im);
    expect(recorded?.raw).toContain("\r\n\r\nBonjour\r\n");
    expect(fakes.control.stats().graph).toEqual({
      requests: 1,
      requestsByMailbox: { [TEACHER]: 1 },
      authFailures: 0,
      messagesAccepted: 1,
      messagesRefused: 0,
    });
  });

  it("takes /users/{own address} like /me, and the short scope name Mail.Send", async () => {
    const { tokens } = await connect("short@college.test", "Mail.Send offline_access");
    expect(tokens.scope).toBe("Mail.Send");
    const token = String(tokens.access_token);
    const message = mime({ from: "short@college.test", to: "parent@example.test" });
    expect((await graphSendMail(fakes, token, message)).status).toBe(202);
    expect((await graphSendMail(fakes, token, message, { user: "Short@College.test" })).status).toBe(202);
    expect(fakes.control.messages().map((m) => m.from)).toEqual(["short@college.test", "short@college.test"]);
  });

  it("answers 401 InvalidAuthenticationToken without a live Microsoft token", async () => {
    const message = mime({ from: TEACHER, to: "parent@example.test" });
    const missing = await graphSendMail(fakes, undefined, message);
    expect(missing.status).toBe(401);
    expect(errorOf(missing)).toMatchObject(GRAPH_ERRORS.missingToken);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const garbage = await graphSendMail(fakes, "not-a-token", message);
    expect(garbage.status).toBe(401);
    expect(errorOf(garbage)).toMatchObject({ code: "InvalidAuthenticationToken" });

    const google = await connectMailbox(fakes, {
      provider: "google",
      email: "gmail@lycee.test",
      ...GOOGLE,
      redirectUri: REDIRECT,
      scope: "openid email https://www.googleapis.com/auth/gmail.send",
    });
    const foreign = await graphSendMail(fakes, String(google.tokens.access_token), message);
    expect(foreign.status).toBe(401);
    expect(errorOf(foreign).code).toBe("InvalidAuthenticationToken");
    expect(fakes.control.messages()).toEqual([]);
    expect(fakes.control.stats().graph).toMatchObject({ requests: 3, authFailures: 3 });
  });

  it("answers 401 to an expired token, and accepts the one a refresh gives", async () => {
    const message = mime({ from: TEACHER, to: "parent@example.test" });
    expect(fakes.control.expireAccessTokens(TEACHER)).toBeGreaterThan(0);
    const expired = await graphSendMail(fakes, teacherToken, message);
    expect(expired.status).toBe(401);
    expect(errorOf(expired)).toMatchObject(GRAPH_ERRORS.expiredToken);
    const refreshed = await refresh(fakes.microsoft.tokenEndpoint, teacherRefreshToken, MICROSOFT);
    expect(refreshed.status).toBe(200);
    teacherToken = String(refreshed.body.access_token);
    teacherRefreshToken = String(refreshed.body.refresh_token);
    expect((await graphSendMail(fakes, teacherToken, message)).status).toBe(202);
  });

  it("answers 401 once revokeAccessTokens killed the current token; the refresh token still works", async () => {
    const message = mime({ from: TEACHER, to: "parent@example.test" });
    expect(fakes.control.revokeAccessTokens(TEACHER)).toBeGreaterThan(0);
    const revoked = await graphSendMail(fakes, teacherToken, message);
    expect(revoked.status).toBe(401);
    expect(errorOf(revoked)).toMatchObject(GRAPH_ERRORS.invalidToken);
    const refreshed = await refresh(fakes.microsoft.tokenEndpoint, teacherRefreshToken, MICROSOFT);
    expect(refreshed.status).toBe(200);
    teacherToken = String(refreshed.body.access_token);
    teacherRefreshToken = String(refreshed.body.refresh_token);
    expect((await graphSendMail(fakes, teacherToken, message)).status).toBe(202);
  });

  it("refuses a token for another resource (401) and one without Mail.Send (403 ErrorAccessDenied)", async () => {
    const message = mime({ from: "smtp-only@college.test", to: "parent@example.test" });
    const smtp = await connect(
      "smtp-only@college.test",
      "https://outlook.office.com/SMTP.Send offline_access",
    );
    const wrongAudience = await graphSendMail(fakes, String(smtp.tokens.access_token), message);
    expect(wrongAudience.status).toBe(401);
    expect(errorOf(wrongAudience)).toMatchObject(GRAPH_ERRORS.wrongAudience);

    const reader = await connect(
      "reader@college.test",
      "https://graph.microsoft.com/User.Read offline_access",
    );
    const denied = await graphSendMail(
      fakes,
      String(reader.tokens.access_token),
      mime({ from: "reader@college.test", to: "parent@example.test" }),
    );
    expect(denied.status).toBe(403);
    expect(errorOf(denied)).toMatchObject({ code: "ErrorAccessDenied" });
    expect(fakes.control.messages()).toEqual([]);
  });

  it("refuses what is not a base64 MIME message, a message without recipients, and bodies over 4 MB", async () => {
    const message = mime({ from: TEACHER, to: "parent@example.test" });
    const url = await graphSendMail(fakes, teacherToken, message, {
      body: Buffer.from(message).toString("base64url").replace(/=+$/, "") + "_",
    });
    expect(url.status).toBe(400);
    expect(errorOf(url)).toMatchObject(GRAPH_ERRORS.invalidBase64);
    const json = await graphSendMail(fakes, teacherToken, message, { contentType: "application/json" });
    expect(json.status).toBe(400);
    expect(errorOf(json).code).toBe("UnableToDeserializePostBody");
    const nobody = await graphSendMail(fakes, teacherToken, mime({ from: TEACHER }));
    expect(nobody.status).toBe(400);
    expect(errorOf(nobody).code).toBe("ErrorInvalidRecipients");
    const big = mime({ from: TEACHER, to: "parent@example.test", body: "x".repeat(GRAPH_MAX_REQUEST_BYTES) });
    const tooLarge = await graphSendMail(fakes, teacherToken, big);
    expect(tooLarge.status).toBe(413);
    expect(errorOf(tooLarge).code).toBe("RequestBodyTooLarge");
    // Line breaks in the base64 text are fine.
    const wrapped = Buffer.from(message)
      .toString("base64")
      .replace(/(.{76})/g, "$1\r\n");
    expect((await graphSendMail(fakes, teacherToken, message, { body: wrapped })).status).toBe(202);
    expect(fakes.control.messages()).toHaveLength(1);
  });
});

describe("fake Graph: sending as a shared mailbox", () => {
  const fromShared = () => mime({ from: `Secrétariat <${SHARED}>`, to: "parent@example.test" });

  it("needs Mail.Send.Shared for /users/{shared}/sendMail (403 ErrorAccessDenied)", async () => {
    fakes.control.grantSendAs(TEACHER, SHARED);
    try {
      const response = await graphSendMail(fakes, teacherToken, fromShared(), { user: SHARED });
      expect(response.status).toBe(403);
      expect(errorOf(response)).toMatchObject(GRAPH_ERRORS.accessDenied);
    } finally {
      fakes.control.revokeSendAs(TEACHER, SHARED);
    }
  });

  it("answers 403 ErrorSendAsDenied without Send As, by /users/{shared} or by a From on /me", async () => {
    const byUrl = await graphSendMail(fakes, delegateToken, fromShared(), { user: SHARED });
    expect(byUrl.status).toBe(403);
    expect(errorOf(byUrl)).toMatchObject(GRAPH_ERRORS.sendAsDenied);
    const byFrom = await graphSendMail(fakes, delegateToken, fromShared());
    expect(byFrom.status).toBe(403);
    expect(errorOf(byFrom).code).toBe("ErrorSendAsDenied");
    const noFrom = await graphSendMail(fakes, delegateToken, mime({ to: "parent@example.test" }), {
      user: SHARED,
    });
    expect(noFrom.status).toBe(403);
    expect(fakes.control.messages()).toEqual([]);
    expect(fakes.control.stats().graph).toMatchObject({
      messagesRefused: 3,
      requestsByMailbox: { [SHARED]: 2 },
    });
  });

  it("sends as the shared mailbox once the delegate has Send As", async () => {
    fakes.control.grantSendAs(DELEGATE, SHARED);
    try {
      expect((await graphSendMail(fakes, delegateToken, fromShared(), { user: SHARED })).status).toBe(202);
      expect((await graphSendMail(fakes, delegateToken, fromShared())).status).toBe(202);
      const noFrom = mime({ to: "parent@example.test" });
      expect((await graphSendMail(fakes, delegateToken, noFrom, { user: SHARED })).status).toBe(202);
      expect(fakes.control.messages()).toMatchObject([
        { from: SHARED, auth: DELEGATE, transport: "graph" },
        { from: SHARED, auth: DELEGATE, transport: "graph" },
        { from: SHARED, auth: DELEGATE, transport: "graph" },
      ]);
      // Another shared address still needs its own grant.
      const other = mime({ from: "vie-scolaire@college.test", to: "parent@example.test" });
      const refused = await graphSendMail(fakes, delegateToken, other, { user: SHARED });
      expect(errorOf(refused).code).toBe("ErrorSendAsDenied");
    } finally {
      fakes.control.revokeSendAs(DELEGATE, SHARED);
    }
  });
});

describe("fake Graph: throttling, quota and failures", () => {
  const message = () => mime({ from: TEACHER, to: "parent@example.test" });

  it("throttles the next request with 429 or 503 and Retry-After, once each", async () => {
    fakes.control.throttleNext(TEACHER, { status: 429, retryAfterSeconds: 7 });
    fakes.control.throttleNext(TEACHER, { status: 503, retryAfterSeconds: 2 });
    const throttled = await graphSendMail(fakes, teacherToken, message());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(errorOf(throttled)).toMatchObject(GRAPH_ERRORS.throttled);
    const unavailable = await graphSendMail(fakes, teacherToken, message());
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("2");
    expect(errorOf(unavailable).code).toBe("serviceNotAvailable");
    expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(202);
    expect(fakes.control.stats().graph).toMatchObject({ messagesRefused: 2, messagesAccepted: 1 });
  });

  it("answers the sending quota once with quotaNext, and for as long as setQuotaExceeded holds", async () => {
    fakes.control.quotaNext(TEACHER);
    const quota = await graphSendMail(fakes, teacherToken, message());
    expect(quota.status).toBe(403);
    expect(errorOf(quota)).toMatchObject(GRAPH_ERRORS.quota);
    expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(202);
    fakes.control.setQuotaExceeded(TEACHER, "microsoft");
    try {
      expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(403);
      expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(403);
    } finally {
      fakes.control.setQuotaExceeded(TEACHER, null);
    }
  });

  it("answers any failure given to failNextApi, with its headers", async () => {
    const body = {
      error: { code: "ErrorInvalidRecipients", message: "At least one recipient is not valid." },
    };
    fakes.control.failNextApi(TEACHER, { status: 400, body, headers: { "x-fake": "1" } });
    fakes.control.failNextApi(TEACHER, { status: 500 });
    const invalid = await graphSendMail(fakes, teacherToken, message());
    expect(invalid.status).toBe(400);
    expect(invalid.json).toEqual(body);
    expect(invalid.headers.get("x-fake")).toBe("1");
    const server = await graphSendMail(fakes, teacherToken, message());
    expect(server.status).toBe(500);
    expect(server.text).toBe("");
    expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(202);
    expect(() => fakes.control.failNextApi(TEACHER, { status: 200 })).toThrow(/4xx or 5xx/);
  });

  it("keys the switches of /users/{shared} requests by the shared mailbox", async () => {
    fakes.control.grantSendAs(DELEGATE, SHARED);
    try {
      fakes.control.throttleNext(SHARED, { status: 429, retryAfterSeconds: 3 });
      const shared = mime({ from: SHARED, to: "parent@example.test" });
      expect((await graphSendMail(fakes, delegateToken, shared, { user: SHARED })).status).toBe(429);
      expect((await graphSendMail(fakes, delegateToken, shared, { user: SHARED })).status).toBe(202);
    } finally {
      fakes.control.revokeSendAs(DELEGATE, SHARED);
    }
  });

  it("refuses a fifth concurrent request for one mailbox with 429 ApplicationThrottled, and reports the peak", async () => {
    fakes.control.setApiDelay(300);
    const four = await Promise.all([1, 2, 3, 4].map(() => graphSendMail(fakes, teacherToken, message())));
    expect(four.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(fakes.control.peakApiConcurrency(TEACHER)).toBe(4);

    const six = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => graphSendMail(fakes, teacherToken, message())),
    );
    const statuses = six.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 202, 202, 202, 429, 429]);
    const refused = six.find((r) => r.status === 429);
    expect(refused?.headers.get("retry-after")).toBe("1");
    expect(errorOf(refused!)).toMatchObject(GRAPH_ERRORS.concurrency);
    expect(fakes.control.peakApiConcurrency(TEACHER)).toBeGreaterThanOrEqual(5);
    // Another mailbox has its own four.
    expect(fakes.control.peakApiConcurrency(DELEGATE)).toBe(0);
    expect(fakes.control.messages()).toHaveLength(8);
  });

  it("takes setApiDelay per mailbox too, and counts one at a time when sent one after another", async () => {
    fakes.control.setApiDelay(150, TEACHER);
    try {
      const started = Date.now();
      expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(202);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(202);
      expect(fakes.control.peakApiConcurrency(TEACHER)).toBe(1);
    } finally {
      fakes.control.setApiDelay(0, TEACHER);
    }
  });

  it("is driven through the control endpoint too", async () => {
    const call = (method: string, args: unknown[]) =>
      fetch(fakes.microsoft.controlUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ method, args }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
    expect(await call("throttleNext", [TEACHER, { status: 503, retryAfterSeconds: 4 }])).toEqual({
      status: 200,
      body: { result: null },
    });
    expect((await graphSendMail(fakes, teacherToken, message())).status).toBe(503);
    expect(await call("peakApiConcurrency", [TEACHER])).toEqual({ status: 200, body: { result: 1 } });
  });
});

describe("fake Graph user profile (the preflight's read)", () => {
  const user = (who?: string) =>
    `${fakes.microsoft.graphBaseUrl}/v1.0/${who ? `users/${encodeURIComponent(who)}` : "me"}?$select=mail`;

  it("answers /me with User.Read, and 403 Authorization_RequestDenied without it, sending nothing", async () => {
    const reader = await connect("reader@college.test", `${MAIL_SEND} User.Read offline_access`);
    const ok = await apiGet(user(), String(reader.tokens.access_token));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ mail: "reader@college.test", userPrincipalName: "reader@college.test" });

    const denied = await apiGet(user(), teacherToken);
    expect(denied.status).toBe(403);
    expect(errorOf(denied)).toMatchObject({ code: GRAPH_ERRORS.insufficientPrivileges.code });
    expect(fakes.control.stats().graph.messagesAccepted).toBe(0);
  });

  it("answers 401 without a valid token, and another user only with User.ReadBasic.All (404 when unknown)", async () => {
    expect((await apiGet(user(), "not-a-token")).status).toBe(401);
    expect((await apiGet(user(), undefined)).status).toBe(401);
    const reader = await connect(
      "short@college.test",
      `${MAIL_SEND} https://graph.microsoft.com/User.ReadBasic.All offline_access`,
    );
    const token = String(reader.tokens.access_token);
    expect((await apiGet(user(TEACHER), token)).json).toMatchObject({ mail: TEACHER });
    const unknown = await apiGet(user("personne@college.test"), token);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toMatchObject({ code: GRAPH_ERRORS.userNotFound.code });
    expect((await apiGet(user(TEACHER), teacherToken)).status).toBe(403);
  });
});
