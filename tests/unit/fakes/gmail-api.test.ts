import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GMAIL_ERRORS, startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { connectMailbox } from "./connect-mailbox";
import { apiGet, errorOf, gmailSend, googleReason, mime } from "./mail-api";

const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const GOOGLE = { clientId: "gmail-api.apps.googleusercontent.com", clientSecret: "GOCSPX-gmail-api" };
const MICROSOFT = { clientId: "ffffffff-0000-4000-8000-000000000006" };
const TEACHER = "prof@lycee.test";
const ALIAS = "secretariat@lycee.test";
const GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";

let fakes: FakeProvidersHandle;
let sendToken: string;

function connect(email: string, scope: string) {
  return connectMailbox(fakes, {
    provider: "google",
    email,
    ...GOOGLE,
    redirectUri: REDIRECT,
    scope,
    extra: { access_type: "offline", prompt: "consent" },
  });
}

beforeAll(async () => {
  fakes = await startFakeProviders({
    mailboxes: [
      { email: TEACHER, provider: "google" },
      { email: "full@lycee.test", provider: "google" },
      { email: "signin@lycee.test", provider: "google" },
      { email: "settings@lycee.test", provider: "google" },
      { email: "outlook@college.test", provider: "microsoft" },
    ],
    clients: [
      { provider: "google", ...GOOGLE, redirectUris: [REDIRECT] },
      { provider: "microsoft", ...MICROSOFT, redirectUris: [REDIRECT] },
    ],
  });
  const { tokens } = await connect(TEACHER, `openid email ${GMAIL_SEND}`);
  expect(String(tokens.scope).split(" ")).toContain(GMAIL_SEND);
  sendToken = String(tokens.access_token);
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

describe("fake Gmail API messages.send", () => {
  it("is mounted on the Google-like server", () => {
    expect(fakes.google.gmailApiBaseUrl).toBe(`${fakes.google.baseUrl}/gmail-api`);
    expect(fakes.google.gmailSendScope).toBe(GMAIL_SEND);
  });

  it("sends with gmail.send: 200 with id, threadId and SENT, and records the message without Bcc", async () => {
    const message = mime({
      from: `Prof <${TEACHER}>`,
      to: "parent@example.test",
      bcc: "Cachée <cache@example.test>",
      subject: "Réunion",
    });
    const response = await gmailSend(fakes, sendToken, message);
    expect(response.status).toBe(200);
    const body = response.json as { id: string; threadId: string; labelIds: string[] };
    expect(body.id).toMatch(/^[0-9a-f]{16}$/);
    expect(body).toEqual({ id: body.id, threadId: body.id, labelIds: ["SENT"] });
    const [recorded] = fakes.control.messages();
    expect(recorded).toMatchObject({
      transport: "gmail_api",
      from: TEACHER,
      to: ["parent@example.test", "cache@example.test"],
      bcc: ["cache@example.test"],
      auth: TEACHER,
      provider: "google",
      apiMessageId: body.id,
      threadId: body.id,
    });
    expect(recorded?.rewrittenFrom).toBeUndefined();
    expect(recorded?.raw).toContain(`From: Prof <${TEACHER}>`);
    expect(recorded?.raw).not.toMatch(/^Bcc:/im);
    expect(fakes.control.stats().gmailApi).toEqual({
      requests: 1,
      requestsByMailbox: { [TEACHER]: 1 },
      authFailures: 0,
      messagesAccepted: 1,
      messagesRefused: 0,
    });
  });

  it("keeps the threadId asked for, takes users/{own address}, and standard base64 too", async () => {
    const message = mime({ from: TEACHER, to: "parent@example.test" });
    const threaded = await gmailSend(fakes, sendToken, message, {
      body: { raw: Buffer.from(message).toString("base64"), threadId: "18c0ffee00000001" },
    });
    expect(threaded.json).toMatchObject({ threadId: "18c0ffee00000001" });
    expect((await gmailSend(fakes, sendToken, message, { user: TEACHER })).status).toBe(200);
    expect(fakes.control.messages()).toHaveLength(2);
  });

  it("accepts https://mail.google.com/, and refuses a token with neither scope (403 PERMISSION_DENIED)", async () => {
    const full = await connect("full@lycee.test", "https://mail.google.com/");
    const message = mime({ from: "full@lycee.test", to: "parent@example.test" });
    expect((await gmailSend(fakes, String(full.tokens.access_token), message)).status).toBe(200);

    const signin = await connect("signin@lycee.test", "openid email");
    const refused = await gmailSend(fakes, String(signin.tokens.access_token), message);
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({
      code: 403,
      message: "Request had insufficient authentication scopes.",
      status: "PERMISSION_DENIED",
    });
    expect(fakes.control.messages()).toHaveLength(1);
  });

  it("answers 401 UNAUTHENTICATED without a live Google token, and to an expired one", async () => {
    const message = mime({ from: TEACHER, to: "parent@example.test" });
    const microsoft = await connectMailbox(fakes, {
      provider: "microsoft",
      email: "outlook@college.test",
      ...MICROSOFT,
      redirectUri: REDIRECT,
      scope: "https://graph.microsoft.com/Mail.Send offline_access",
    });
    for (const token of [undefined, "not-a-token", String(microsoft.tokens.access_token)]) {
      const response = await gmailSend(fakes, token, message);
      expect(response.status).toBe(401);
      expect(errorOf(response)).toMatchObject({ code: 401, status: "UNAUTHENTICATED" });
      expect(String(errorOf(response).message)).toMatch(/^Request had invalid authentication credentials/);
      expect(response.headers.get("www-authenticate")).toMatch(/invalid_token/);
    }
    const { tokens } = await connect(TEACHER, `openid email ${GMAIL_SEND}`);
    const fresh = String(tokens.access_token);
    expect((await gmailSend(fakes, fresh, message)).status).toBe(200);
    fakes.control.expireAccessTokens(TEACHER);
    const expired = await gmailSend(fakes, fresh, message);
    expect(expired.status).toBe(401);
    expect(errorOf(expired).status).toBe(GMAIL_ERRORS.unauthenticated.status);
    expect(fakes.control.stats().gmailApi).toMatchObject({ authFailures: 4, messagesAccepted: 1 });
    const again = String((await connect(TEACHER, `openid email ${GMAIL_SEND}`)).tokens.access_token);
    expect(fakes.control.revokeAccessTokens(TEACHER)).toBeGreaterThan(0);
    expect((await gmailSend(fakes, again, message)).status).toBe(401);
    sendToken = String((await connect(TEACHER, `openid email ${GMAIL_SEND}`)).tokens.access_token);
  });

  it("refuses users/{someone else} with Delegation denied", async () => {
    const response = await gmailSend(fakes, sendToken, mime({ from: ALIAS, to: "parent@example.test" }), {
      user: ALIAS,
    });
    expect(response.status).toBe(403);
    expect(errorOf(response)).toMatchObject({ message: `Delegation denied for ${ALIAS}` });
  });

  it("refuses a request without raw, an undecodable raw, and a message without recipients", async () => {
    const missing = await gmailSend(fakes, sendToken, "", { body: {} });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).message).toBe(GMAIL_ERRORS.rawRequired.message);
    const bad = await gmailSend(fakes, sendToken, "", { body: { raw: "not base64!" } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).status).toBe("INVALID_ARGUMENT");
    const nobody = await gmailSend(fakes, sendToken, mime({ from: TEACHER }));
    expect(nobody.status).toBe(400);
    expect(errorOf(nobody).message).toBe("Recipient address required");
    expect(fakes.control.messages()).toEqual([]);
  });
});

describe("fake Gmail API: send-as aliases", () => {
  it("silently replaces a From that is not an alias with the account's address", async () => {
    const message = mime({ from: `"Secrétariat du lycée" <${ALIAS}>`, to: "parent@example.test" });
    const response = await gmailSend(fakes, sendToken, message);
    expect(response.status).toBe(200);
    const [recorded] = fakes.control.messages();
    expect(recorded).toMatchObject({ from: TEACHER, rewrittenFrom: ALIAS, auth: TEACHER });
    expect(recorded?.raw).toContain(`From: "Secrétariat du lycée" <${TEACHER}>`);
    expect(recorded?.raw).not.toContain(ALIAS);
  });

  it("adds the account's From when there is none", async () => {
    expect((await gmailSend(fakes, sendToken, mime({ to: "parent@example.test" }))).status).toBe(200);
    const [recorded] = fakes.control.messages();
    expect(recorded?.from).toBe(TEACHER);
    expect(recorded?.raw).toMatch(new RegExp(`^From: ${TEACHER}\r\n`));
  });

  it("keeps a granted alias, and lists it with sendAs.list (which gmail.send cannot read)", async () => {
    fakes.control.grantSendAs(TEACHER, ALIAS);
    try {
      const message = mime({ from: `Secrétariat <${ALIAS}>`, to: "parent@example.test" });
      expect((await gmailSend(fakes, sendToken, message)).status).toBe(200);
      const [recorded] = fakes.control.messages();
      expect(recorded).toMatchObject({ from: ALIAS, auth: TEACHER });
      expect(recorded?.rewrittenFrom).toBeUndefined();
      expect(recorded?.raw).toContain(`From: Secrétariat <${ALIAS}>`);

      const list = (token: string) =>
        fetch(`${fakes.google.gmailApiBaseUrl}/gmail/v1/users/me/settings/sendAs`, {
          headers: { Authorization: `Bearer ${token}` },
        });
      expect((await list(sendToken)).status).toBe(403);
      const settings = await connect(
        "settings@lycee.test",
        "openid email https://www.googleapis.com/auth/gmail.settings.basic",
      );
      fakes.control.grantSendAs("settings@lycee.test", ALIAS);
      const listed = await list(String(settings.tokens.access_token));
      expect(listed.status).toBe(200);
      expect(await listed.json()).toMatchObject({
        sendAs: [
          { sendAsEmail: "settings@lycee.test", isPrimary: true },
          { sendAsEmail: ALIAS, verificationStatus: "accepted" },
        ],
      });
    } finally {
      fakes.control.revokeSendAs(TEACHER, ALIAS);
      fakes.control.revokeSendAs("settings@lycee.test", ALIAS);
    }
  });
});

describe("fake Gmail API: throttling, quota and failures", () => {
  const message = () => mime({ from: TEACHER, to: "parent@example.test" });

  it("answers 429 userRateLimitExceeded or rateLimitExceeded, and 503, with Retry-After", async () => {
    fakes.control.throttleNext(TEACHER, { status: 429, retryAfterSeconds: 30 });
    fakes.control.throttleNext(TEACHER, { status: 429, retryAfterSeconds: 5, reason: "rateLimitExceeded" });
    fakes.control.throttleNext(TEACHER, { status: 503 });
    const user = await gmailSend(fakes, sendToken, message());
    expect(user.status).toBe(429);
    expect(user.headers.get("retry-after")).toBe("30");
    expect(googleReason(user)).toBe("userRateLimitExceeded");
    expect(errorOf(user)).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED" });
    expect(String(errorOf(user).message)).toMatch(/^User-rate limit exceeded\. {2}Retry after \d{4}-/);
    const rate = await gmailSend(fakes, sendToken, message());
    expect(googleReason(rate)).toBe("rateLimitExceeded");
    expect(rate.headers.get("retry-after")).toBe("5");
    const unavailable = await gmailSend(fakes, sendToken, message());
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("1");
    expect((await gmailSend(fakes, sendToken, message())).status).toBe(200);
    expect(fakes.control.stats().gmailApi).toMatchObject({ messagesRefused: 3, messagesAccepted: 1 });
  });

  it("answers the daily sending limit with quotaNext and setQuotaExceeded", async () => {
    fakes.control.quotaNext(TEACHER);
    const quota = await gmailSend(fakes, sendToken, message());
    expect(quota.status).toBe(403);
    expect(googleReason(quota)).toBe("dailyLimitExceeded");
    expect(errorOf(quota).message).toBe("Daily user sending limit exceeded.");
    expect((await gmailSend(fakes, sendToken, message())).status).toBe(200);
    fakes.control.setQuotaExceeded(TEACHER, "google");
    try {
      expect(googleReason(await gmailSend(fakes, sendToken, message()))).toBe("dailyLimitExceeded");
    } finally {
      fakes.control.setQuotaExceeded(TEACHER, null);
    }
  });

  it("answers what failNextApi says", async () => {
    const body = { error: { code: 400, message: "Invalid To header", status: "INVALID_ARGUMENT" } };
    fakes.control.failNextApi(TEACHER, { status: 400, body });
    const response = await gmailSend(fakes, sendToken, message());
    expect(response.status).toBe(400);
    expect(response.json).toEqual(body);
    expect((await gmailSend(fakes, sendToken, message())).status).toBe(200);
  });

  it("reports the most requests in flight at once for a mailbox (no concurrency refusal)", async () => {
    fakes.control.setApiDelay(200);
    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => gmailSend(fakes, sendToken, message())));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(fakes.control.peakApiConcurrency(TEACHER)).toBe(5);
    expect(new Set(responses.map((r) => (r.json as { id: string }).id)).size).toBe(5);
  });
});

describe("fake Gmail API profile (the preflight's read)", () => {
  const profile = () => `${fakes.google.gmailApiBaseUrl}/gmail/v1/users/me/profile`;

  it("answers the account's address to a reading scope, and insufficientPermissions to gmail.send alone", async () => {
    const { tokens } = await connect("full@lycee.test", "openid email https://mail.google.com/");
    const ok = await apiGet(profile(), String(tokens.access_token));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ emailAddress: "full@lycee.test" });

    const narrow = await apiGet(profile(), sendToken);
    expect(narrow.status).toBe(403);
    expect(googleReason(narrow)).toBe("insufficientPermissions");
    expect((await apiGet(profile(), "not-a-token")).status).toBe(401);
    expect(fakes.control.stats().gmailApi.messagesAccepted).toBe(0);
  });
});
