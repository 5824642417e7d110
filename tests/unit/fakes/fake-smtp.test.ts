import { Socket } from "node:net";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTP_REPLIES, startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { connectMailbox } from "./connect-mailbox";

const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const GOOGLE = { clientId: "smtp.apps.googleusercontent.com", clientSecret: "GOCSPX-smtp" };
const MICROSOFT = { clientId: "cccccccc-0000-4000-8000-000000000003" };
const GMAIL_BOX = "direction@lycee.test";
const OUTLOOK_BOX = "intendance@college.test";

let fakes: FakeProvidersHandle;
let googleToken: string;
let microsoftToken: string;

beforeAll(async () => {
  fakes = await startFakeProviders({
    mailboxes: [
      { email: GMAIL_BOX, provider: "google" },
      { email: "other@lycee.test", provider: "google" },
      { email: OUTLOOK_BOX, provider: "microsoft" },
    ],
    clients: [
      { provider: "google", ...GOOGLE, redirectUris: [REDIRECT] },
      { provider: "microsoft", ...MICROSOFT, redirectUris: [REDIRECT] },
    ],
  });
  const google = await connectMailbox(fakes, {
    provider: "google",
    email: GMAIL_BOX,
    ...GOOGLE,
    redirectUri: REDIRECT,
    scope: "openid email https://mail.google.com/",
    extra: { prompt: "consent", access_type: "offline" },
  });
  googleToken = String(google.tokens.access_token);
  const microsoft = await connectMailbox(fakes, {
    provider: "microsoft",
    email: OUTLOOK_BOX,
    ...MICROSOFT,
    redirectUri: REDIRECT,
    scope: "https://outlook.office.com/SMTP.Send offline_access",
  });
  microsoftToken = String(microsoft.tokens.access_token);
});

afterAll(async () => {
  await fakes.close();
});

beforeEach(() => {
  fakes.control.clearMessages();
});

/** Sends one message the way Relais does: nodemailer with an access token it obtained itself. */
async function send(user: string, accessToken: string, to = "parent@example.test") {
  const transport = nodemailer.createTransport({
    host: fakes.smtp.host,
    port: fakes.smtp.port,
    secure: false,
    ignoreTLS: true,
    // nodemailer retries AUTH once after Google's 334 challenge with a "new" token: hand it the same one.
    auth: {
      type: "OAuth2",
      user,
      accessToken,
      provisionCallback: (_user, _renew, done) => done(null, accessToken),
    },
  });
  try {
    return await transport.sendMail({ from: user, to, subject: "Bulletin", text: "Bonjour" });
  } finally {
    transport.close();
  }
}

async function sendError(user: string, accessToken: string): Promise<{ code?: string; response?: string }> {
  try {
    await send(user, accessToken);
  } catch (error) {
    return error as { code?: string; response?: string };
  }
  throw new Error("the message was accepted");
}

describe("fake SMTP server with XOAUTH2", () => {
  it("accepts a live Google token for its own address and records the message", async () => {
    const info = await send(GMAIL_BOX, googleToken);
    expect(info.response).toBe("250 2.0.0 OK fake - gsmtp");
    const [message] = fakes.control.messages();
    expect(message).toMatchObject({
      from: GMAIL_BOX,
      to: ["parent@example.test"],
      auth: GMAIL_BOX,
      provider: "google",
    });
    expect(message?.raw).toContain("Subject: Bulletin");
  });

  it("accepts a live Microsoft token for its own address", async () => {
    await send(OUTLOOK_BOX, microsoftToken);
    expect(fakes.control.messages()).toHaveLength(1);
    expect(fakes.control.messages()[0]?.provider).toBe("microsoft");
  });

  it("refuses Google-style: 334 challenge, then a two-line 535 after the client's empty line", async () => {
    const lines = await rawXoauth2(GMAIL_BOX, "not-a-token", true);
    const challenge = lines.find((line) => line.startsWith("334 "));
    expect(JSON.parse(Buffer.from(challenge?.slice(4) ?? "", "base64").toString("utf8"))).toEqual(
      SMTP_REPLIES.googleAuthChallenge,
    );
    expect(lines.slice(-2)).toEqual([...SMTP_REPLIES.googleAuthFailed]);
    const error = await sendError(GMAIL_BOX, "not-a-token");
    expect(error.code).toBe("EAUTH");
    expect(error.response).toBe(SMTP_REPLIES.googleAuthFailed.join("\n"));
  });

  it("refuses a Google token used for another address", async () => {
    const error = await sendError("other@lycee.test", googleToken);
    expect(error.response).toBe(SMTP_REPLIES.googleAuthFailed.join("\n"));
    expect(fakes.control.messages()).toEqual([]);
  });

  it("refuses Microsoft-style with 535 5.7.3 directly, and 5.7.139 when SMTP AUTH is disabled", async () => {
    const lines = await rawXoauth2(OUTLOOK_BOX, "not-a-token", false);
    expect(lines.at(-1)).toBe(SMTP_REPLIES.microsoftAuthFailed);
    expect((await sendError(OUTLOOK_BOX, "not-a-token")).response).toBe(SMTP_REPLIES.microsoftAuthFailed);

    fakes.control.disableSmtpAuth(OUTLOOK_BOX);
    try {
      expect((await sendError(OUTLOOK_BOX, microsoftToken)).response).toBe(
        SMTP_REPLIES.microsoftSmtpAuthDisabled("Mailbox"),
      );
    } finally {
      fakes.control.disableSmtpAuth(OUTLOOK_BOX, false);
    }
  });

  it("refuses an expired access token", async () => {
    const google = await connectMailbox(fakes, {
      provider: "google",
      email: "other@lycee.test",
      ...GOOGLE,
      redirectUri: REDIRECT,
      scope: "https://mail.google.com/",
    });
    const token = String(google.tokens.access_token);
    await send("other@lycee.test", token);
    expect(fakes.control.expireAccessTokens("other@lycee.test")).toBeGreaterThan(0);
    expect((await sendError("other@lycee.test", token)).response).toBe(
      SMTP_REPLIES.googleAuthFailed.join("\n"),
    );
  });

  it("answers each provider's quota reply", async () => {
    fakes.control.setQuotaExceeded(GMAIL_BOX, "google");
    fakes.control.setQuotaExceeded(OUTLOOK_BOX, "microsoft");
    try {
      const google = await sendError(GMAIL_BOX, googleToken);
      expect(google).toMatchObject({ code: "EENVELOPE", response: SMTP_REPLIES.googleQuotaExceeded });
      const microsoft = await sendError(OUTLOOK_BOX, microsoftToken);
      expect(microsoft).toMatchObject({ code: "EMESSAGE", response: SMTP_REPLIES.microsoftQuotaExceeded });
    } finally {
      fakes.control.setQuotaExceeded(GMAIL_BOX, null);
      fakes.control.setQuotaExceeded(OUTLOOK_BOX, null);
    }
    expect(fakes.control.messages()).toEqual([]);
  });

  it("fails the next message once with the given transient reply", async () => {
    fakes.control.failNext(GMAIL_BOX, "451 4.3.0 Temporary failure");
    expect((await sendError(GMAIL_BOX, googleToken)).response).toBe("451 4.3.0 Temporary failure");
    await send(GMAIL_BOX, googleToken);
    expect(fakes.control.messages()).toHaveLength(1);
  });

  it("counts authentication attempts, failures and messages", async () => {
    fakes.control.resetStats();
    await send(GMAIL_BOX, googleToken);
    await sendError(OUTLOOK_BOX, "not-a-token");
    expect(fakes.control.stats().smtp).toEqual({
      authAttempts: 2,
      authFailures: 1,
      messagesAccepted: 1,
      messagesRefused: 0,
    });
  });
});

/** Speaks SMTP by hand to see the exact exchange: EHLO, AUTH XOAUTH2, (empty line after a 334), QUIT. */
async function rawXoauth2(user: string, token: string, answerChallenge: boolean): Promise<string[]> {
  const socket = new Socket();
  const lines: string[] = [];
  let buffered = "";
  let waiting: (() => void) | undefined;
  socket.on("data", (chunk) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\r\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
    if (parts.some((line) => /^\d{3} /.test(line))) waiting?.();
  });
  const reply = () => new Promise<void>((resolve) => (waiting = resolve));
  const command = async (text: string) => {
    const done = reply();
    socket.write(`${text}\r\n`);
    await done;
  };
  const greeting = reply();
  socket.connect(fakes.smtp.port, fakes.smtp.host);
  await greeting;
  await command("EHLO relais.test");
  const sasl = Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString("base64");
  await command(`AUTH XOAUTH2 ${sasl}`);
  if (answerChallenge && lines.at(-1)?.startsWith("334 ")) await command("");
  socket.end("QUIT\r\n");
  return lines;
}
