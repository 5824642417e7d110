import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTP_REPLIES, startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { connectMailbox } from "./connect-mailbox";

const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const GOOGLE = { clientId: "send-as.apps.googleusercontent.com", clientSecret: "GOCSPX-send-as" };
const MICROSOFT = { clientId: "abababab-0000-4000-8000-000000000007" };
const GMAIL_DELEGATE = "prof@lycee.test";
const GMAIL_ALIAS = "secretariat@lycee.test";
const OUTLOOK_DELEGATE = "adjoint@college.test";
const OUTLOOK_SHARED = "vie-scolaire@college.test";

let fakes: FakeProvidersHandle;
let googleToken: string;
let microsoftToken: string;

beforeAll(async () => {
  fakes = await startFakeProviders({
    mailboxes: [
      { email: GMAIL_DELEGATE, provider: "google" },
      { email: OUTLOOK_DELEGATE, provider: "microsoft" },
    ],
    clients: [
      { provider: "google", ...GOOGLE, redirectUris: [REDIRECT] },
      { provider: "microsoft", ...MICROSOFT, redirectUris: [REDIRECT] },
    ],
  });
  const google = await connectMailbox(fakes, {
    provider: "google",
    email: GMAIL_DELEGATE,
    ...GOOGLE,
    redirectUri: REDIRECT,
    scope: "https://mail.google.com/",
  });
  googleToken = String(google.tokens.access_token);
  const microsoft = await connectMailbox(fakes, {
    provider: "microsoft",
    email: OUTLOOK_DELEGATE,
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
  fakes.control.resetStats();
});

/** Authenticates as `user` and sends with this envelope sender and From. */
async function send(user: string, accessToken: string, envelopeFrom: string, headerFrom: string) {
  const transport = nodemailer.createTransport({
    host: fakes.smtp.host,
    port: fakes.smtp.port,
    secure: false,
    ignoreTLS: true,
    auth: {
      type: "OAuth2",
      user,
      accessToken,
      provisionCallback: (_user, _renew, done) => done(null, accessToken),
    },
  });
  try {
    return await transport.sendMail({
      envelope: { from: envelopeFrom, to: ["parent@example.test"] },
      from: headerFrom,
      to: "parent@example.test",
      subject: "Absences",
      text: "Bonjour",
    });
  } finally {
    transport.close();
  }
}

async function sendError(...args: Parameters<typeof send>): Promise<{ code?: string; response?: string }> {
  try {
    await send(...args);
  } catch (error) {
    return error as { code?: string; response?: string };
  }
  throw new Error("the message was accepted");
}

describe("fake SMTP: Microsoft Send As", () => {
  it("records its own messages with transport smtp", async () => {
    await send(OUTLOOK_DELEGATE, microsoftToken, OUTLOOK_DELEGATE, OUTLOOK_DELEGATE);
    expect(fakes.control.messages()).toMatchObject([
      { transport: "smtp", from: OUTLOOK_DELEGATE, auth: OUTLOOK_DELEGATE, provider: "microsoft" },
    ]);
  });

  it("refuses MAIL FROM a shared mailbox without Send As with 550 5.7.60", async () => {
    const error = await sendError(OUTLOOK_DELEGATE, microsoftToken, OUTLOOK_SHARED, OUTLOOK_SHARED);
    expect(error).toMatchObject({ code: "EENVELOPE", response: SMTP_REPLIES.microsoftSendAsDenied });
    expect(error.response).toMatch(
      /^550 5\.7\.60 SMTP; Client does not have permissions to send as this sender/,
    );
    expect(fakes.control.messages()).toEqual([]);
    expect(fakes.control.stats().smtp.messagesRefused).toBe(1);
  });

  it("refuses a From: the account may not send as, after DATA, with SendAsDenied", async () => {
    const error = await sendError(
      OUTLOOK_DELEGATE,
      microsoftToken,
      OUTLOOK_DELEGATE,
      `Vie scolaire <${OUTLOOK_SHARED}>`,
    );
    expect(error).toMatchObject({ code: "EMESSAGE", response: SMTP_REPLIES.microsoftSendAsDeniedFrom });
    expect(fakes.control.messages()).toEqual([]);
  });

  it("accepts the shared mailbox as sender once the delegate has Send As", async () => {
    fakes.control.grantSendAs(OUTLOOK_DELEGATE, OUTLOOK_SHARED);
    try {
      const info = await send(
        OUTLOOK_DELEGATE,
        microsoftToken,
        OUTLOOK_SHARED,
        `Vie scolaire <${OUTLOOK_SHARED}>`,
      );
      expect(info.response).toBe("250 2.0.0 OK [Hostname=FAKE0001.prod.outlook.com]");
      const [recorded] = fakes.control.messages();
      expect(recorded).toMatchObject({ transport: "smtp", from: OUTLOOK_SHARED, auth: OUTLOOK_DELEGATE });
      expect(recorded?.raw).toContain(`From: Vie scolaire <${OUTLOOK_SHARED}>`);
    } finally {
      fakes.control.revokeSendAs(OUTLOOK_DELEGATE, OUTLOOK_SHARED);
    }
    expect((await sendError(OUTLOOK_DELEGATE, microsoftToken, OUTLOOK_SHARED, OUTLOOK_SHARED)).response).toBe(
      SMTP_REPLIES.microsoftSendAsDenied,
    );
  });
});

describe("fake SMTP: Google send-as aliases", () => {
  it("rewrites a sender that is not an alias to the account's address, envelope and From:", async () => {
    const info = await send(GMAIL_DELEGATE, googleToken, GMAIL_ALIAS, `Secrétariat <${GMAIL_ALIAS}>`);
    expect(info.response).toBe("250 2.0.0 OK fake - gsmtp");
    const [recorded] = fakes.control.messages();
    expect(recorded).toMatchObject({
      transport: "smtp",
      from: GMAIL_DELEGATE,
      rewrittenFrom: GMAIL_ALIAS,
      auth: GMAIL_DELEGATE,
      provider: "google",
    });
    // The display name stays as nodemailer encoded it; only the address changes.
    expect(recorded?.raw).toContain(`From: =?UTF-8?Q?Secr=C3=A9tariat?= <${GMAIL_DELEGATE}>`);
    expect(recorded?.raw).not.toContain(`<${GMAIL_ALIAS}>`);
  });

  it("rewrites only the From: when the envelope is the account's", async () => {
    await send(GMAIL_DELEGATE, googleToken, GMAIL_DELEGATE, GMAIL_ALIAS);
    const [recorded] = fakes.control.messages();
    expect(recorded).toMatchObject({ from: GMAIL_DELEGATE, rewrittenFrom: GMAIL_ALIAS });
    expect(recorded?.raw).toMatch(new RegExp(`^From: ${GMAIL_DELEGATE}\r$`, "m"));
  });

  it("keeps a verified alias", async () => {
    fakes.control.grantSendAs(GMAIL_DELEGATE, GMAIL_ALIAS);
    try {
      await send(GMAIL_DELEGATE, googleToken, GMAIL_ALIAS, `Secrétariat <${GMAIL_ALIAS}>`);
      const [recorded] = fakes.control.messages();
      expect(recorded).toMatchObject({ from: GMAIL_ALIAS, auth: GMAIL_DELEGATE });
      expect(recorded?.rewrittenFrom).toBeUndefined();
      expect(recorded?.raw).toContain(`<${GMAIL_ALIAS}>`);
    } finally {
      fakes.control.revokeSendAs(GMAIL_DELEGATE, GMAIL_ALIAS);
    }
  });

  it("still refuses to sign in as the shared address itself", async () => {
    const error = await sendError(GMAIL_ALIAS, googleToken, GMAIL_ALIAS, GMAIL_ALIAS);
    expect(error.code).toBe("EAUTH");
  });
});
