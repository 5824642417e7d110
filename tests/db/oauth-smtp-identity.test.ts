import { describe, expect, it } from "vitest";
import { verifyXoauth2 } from "@/lib/smtp/verify-xoauth2";
import { REDIRECT_URI, setOAuthFlowEnvironment, useFakeProviders } from "../support/oauth-flow-fixtures";
import { connectMailbox } from "../unit/fakes/connect-mailbox";

setOAuthFlowEnvironment();

const GOOGLE = { clientId: "smtp-check.apps.googleusercontent.com", clientSecret: "GOCSPX-smtp-check" };
const MICROSOFT = { clientId: "00000000-0000-4000-8000-00000000c0de" };
const provider = useFakeProviders({
  mailboxes: [
    { email: "accueil@lycee.test", provider: "google" },
    { email: "direction@lycee.test", provider: "google" },
    { email: "secretariat@college.test", provider: "microsoft" },
  ],
  clients: [
    { provider: "google", ...GOOGLE, redirectUris: [REDIRECT_URI] },
    { provider: "microsoft", ...MICROSOFT, redirectUris: [REDIRECT_URI] },
  ],
});

const target = () => ({ host: "127.0.0.1", port: provider.fakes.smtp.port, security: "starttls" as const });

async function googleToken(email: string) {
  const { tokens } = await connectMailbox(provider.fakes, {
    provider: "google",
    email,
    ...GOOGLE,
    redirectUri: REDIRECT_URI,
    scope: "openid email https://mail.google.com/",
  });
  return String(tokens.access_token);
}

describe("verifyXoauth2 (the identity check without an id_token)", () => {
  it("accepts the mailbox's own token and refuses another account's, without nodemailer's refresh", async () => {
    const token = await googleToken("accueil@lycee.test");
    expect(await verifyXoauth2(target(), "accueil@lycee.test", token)).toEqual({ ok: true });
    provider.fakes.control.resetStats();
    // Google answers 334 and nodemailer asks for a new token, which Relais refuses to make.
    const refused = await verifyXoauth2(target(), "direction@lycee.test", token);
    expect(refused).toMatchObject({ ok: false, reason: "auth_refused" });
    expect(provider.fakes.control.stats().refreshRequests).toEqual({});
  });

  it("tells Microsoft's SMTP AUTH switch apart from a refused token", async () => {
    const { tokens } = await connectMailbox(provider.fakes, {
      provider: "microsoft",
      email: "secretariat@college.test",
      ...MICROSOFT,
      redirectUri: REDIRECT_URI,
      scope: "https://outlook.office.com/SMTP.Send offline_access",
    });
    provider.fakes.control.disableSmtpAuth("secretariat@college.test", true, "Tenant");
    const check = await verifyXoauth2(target(), "secretariat@college.test", String(tokens.access_token));
    provider.fakes.control.disableSmtpAuth("secretariat@college.test", false);
    expect(check).toEqual({ ok: false, reason: "smtp_auth_disabled", detail: "5.7.139" });
  });

  it("refuses an address with CR, LF or \\x01 before connecting", async () => {
    provider.fakes.control.resetStats();
    for (const address of [
      "a@lycee.test\r\nRCPT TO:<x@y>",
      "a@lycee.test\x01auth=Bearer x",
      "a\n@lycee.test",
    ]) {
      expect(await verifyXoauth2(target(), address, "token")).toEqual({
        ok: false,
        reason: "invalid_address",
      });
    }
    expect(provider.fakes.control.stats().smtp.authAttempts).toBe(0);
  });

  it("applies the outbound address rules to the SMTP host", async () => {
    provider.fakes.control.resetStats();
    const loopbackRefused = await verifyXoauth2(target(), "accueil@lycee.test", "token", {
      allowLocalProviders: false,
    });
    expect(loopbackRefused).toEqual({ ok: false, reason: "unreachable", detail: "blocked_address" });
    const metadata = await verifyXoauth2(
      { host: "smtp.lycee.test", port: 587, security: "starttls" },
      "accueil@lycee.test",
      "token",
      { lookup: async () => [{ address: "169.254.169.254", family: 4 }] },
    );
    expect(metadata).toEqual({ ok: false, reason: "unreachable", detail: "blocked_address" });
    const numeric = await verifyXoauth2(
      { host: "0x7f.1", port: 25, security: "tls" },
      "a@lycee.test",
      "token",
    );
    expect(numeric).toEqual({ ok: false, reason: "unreachable", detail: "numeric_host" });
    expect(provider.fakes.control.stats().smtp.authAttempts).toBe(0);
  });
});
