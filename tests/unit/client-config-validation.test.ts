import { describe, expect, it } from "vitest";
import { isMessageKey } from "@/lib/i18n/translate";
import {
  clientConfigSchema,
  endpointUrlProblem,
  type ClientConfigInput,
} from "@/lib/clients/client-config-schema";
import { googlePreset, microsoftPreset } from "@/lib/oauth/presets";
import { checkClientConfig } from "@/lib/clients/validate-client-config";

const strict = clientConfigSchema({ allowLocalProviders: false });
const local = clientConfigSchema({ allowLocalProviders: true });

/** What a browser form posts for a Google configuration. */
const googleForm: Record<string, string> = {
  name: "  Lycée Victor Hugo (Google)  ",
  provider: "google",
  clientId: " 123-abc.apps.googleusercontent.com ",
  clientSecret: "GOCSPX-0123456789abcdef",
  authorizationEndpoint: googlePreset.authorizationEndpoint,
  tokenEndpoint: googlePreset.tokenEndpoint,
  deviceEndpoint: "",
  revocationEndpoint: googlePreset.revocationEndpoint!,
  scopes: "https://mail.google.com/  openid email openid",
  defaultFlow: "authorization_code",
  pkce: "true",
  smtpHost: "SMTP.gmail.com",
  smtpPort: "465",
  smtpSecurity: "tls",
};

const microsoft = microsoftPreset("organizations")!;
const microsoftForm: Record<string, string> = {
  ...googleForm,
  name: "Collège (Microsoft 365)",
  provider: "microsoft",
  clientSecret: "",
  authorizationEndpoint: microsoft.authorizationEndpoint,
  tokenEndpoint: microsoft.tokenEndpoint,
  revocationEndpoint: "",
  scopes: microsoft.scopes.join(" "),
  smtpHost: microsoft.smtpHost,
  smtpPort: "587",
  smtpSecurity: "starttls",
};

function fieldErrors(schema: typeof strict, form: Record<string, unknown>): Record<string, string> {
  const parsed = schema.safeParse(form);
  if (parsed.success) return {};
  // The first issue of each field, as the action wrapper shows it.
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

function parse(form: Record<string, unknown>, schema = strict): ClientConfigInput {
  return schema.parse(form);
}

describe("clientConfigSchema", () => {
  it("accepts a Google form, trimming, lowering and splitting scopes without duplicates", () => {
    expect(parse(googleForm)).toEqual({
      name: "Lycée Victor Hugo (Google)",
      provider: "google",
      clientId: "123-abc.apps.googleusercontent.com",
      clientSecret: "GOCSPX-0123456789abcdef",
      authorizationEndpoint: googlePreset.authorizationEndpoint,
      tokenEndpoint: googlePreset.tokenEndpoint,
      deviceEndpoint: undefined,
      revocationEndpoint: googlePreset.revocationEndpoint,
      scopes: ["https://mail.google.com/", "openid", "email"],
      defaultFlow: "authorization_code",
      pkce: true,
      smtpHost: "smtp.gmail.com",
      smtpPort: 465,
      smtpSecurity: "tls",
    });
  });

  it("treats a blank secret as none and keeps a pasted secret exactly", () => {
    expect(parse(microsoftForm).clientSecret).toBeUndefined();
    expect(parse({ ...googleForm, clientSecret: " s3cr3t " }).clientSecret).toBe(" s3cr3t ");
  });

  it.each([
    [undefined, true],
    ["", true],
    ["on", true],
    ["true", true],
    ["false", false],
    ["off", false],
    [false, false],
  ])("reads pkce %j as %s", (value, expected) => {
    expect(parse({ ...googleForm, pkce: value }).pkce).toBe(expected);
  });

  it.each([
    ["name", "   ", "clients.validation.nameRequired"],
    ["name", "x".repeat(101), "clients.validation.nameTooLong"],
    ["provider", "yahoo", "clients.validation.providerInvalid"],
    ["clientId", "", "clients.validation.clientIdRequired"],
    ["clientId", "   ", "clients.validation.clientIdRequired"],
    ["clientSecret", "s".repeat(2001), "clients.validation.secretTooLong"],
    ["authorizationEndpoint", "", "clients.validation.urlRequired"],
    ["authorizationEndpoint", "accounts.google.com/o/oauth2/v2/auth", "clients.validation.urlInvalid"],
    ["tokenEndpoint", "http://oauth2.googleapis.com/token", "clients.validation.urlNotHttps"],
    ["tokenEndpoint", "javascript:alert(1)", "clients.validation.urlNotHttps"],
    ["tokenEndpoint", "https://user:pw@oauth2.googleapis.com/token", "clients.validation.urlHasCredentials"],
    ["tokenEndpoint", "https://2130706433/token", "clients.validation.urlNumericHost"],
    ["tokenEndpoint", "https://169.254.169.254/latest", "clients.validation.urlPrivateHost"],
    ["tokenEndpoint", "https://[::1]/token", "clients.validation.urlPrivateHost"],
    ["deviceEndpoint", "https://10.0.0.5/device", "clients.validation.urlPrivateHost"],
    ["revocationEndpoint", "not a url", "clients.validation.urlInvalid"],
    ["scopes", "   ", "clients.validation.scopesRequired"],
    ["scopes", 'openid "email"', "clients.validation.scopeInvalid"],
    ["scopes", Array.from({ length: 51 }, (_, i) => `s${i}`).join(" "), "clients.validation.scopesTooMany"],
    ["defaultFlow", "implicit", "clients.validation.flowInvalid"],
    ["pkce", "maybe", "clients.validation.pkceInvalid"],
    ["smtpHost", "", "clients.validation.smtpHostInvalid"],
    ["smtpHost", "smtp://smtp.gmail.com", "clients.validation.smtpHostInvalid"],
    ["smtpHost", "smtp_gmail.com", "clients.validation.smtpHostInvalid"],
    ["smtpHost", "0x7f.1", "clients.validation.smtpHostInvalid"],
    ["smtpHost", "10.1.2.3", "clients.validation.smtpHostPrivate"],
    ["smtpHost", "localhost", "clients.validation.smtpHostPrivate"],
    ["smtpHost", "::1", "clients.validation.smtpHostPrivate"],
    ["smtpPort", "0", "clients.validation.smtpPortInvalid"],
    ["smtpPort", "65536", "clients.validation.smtpPortInvalid"],
    ["smtpPort", "58.7", "clients.validation.smtpPortInvalid"],
    ["smtpPort", "587a", "clients.validation.smtpPortInvalid"],
    ["smtpPort", "", "clients.validation.smtpPortInvalid"],
    ["smtpSecurity", "ssl", "clients.validation.smtpSecurityInvalid"],
  ])("refuses %s = %j with %s", (field, value, message) => {
    expect(fieldErrors(strict, { ...googleForm, [field]: value })).toEqual({ [field]: message });
  });

  it("reports missing fields with catalog keys", () => {
    const errors = fieldErrors(strict, {});
    for (const field of ["name", "provider", "clientId", "authorizationEndpoint", "scopes", "smtpPort"]) {
      expect(errors[field], field).toBeDefined();
    }
    expect(Object.values(errors).filter((message) => !isMessageKey(message))).toEqual([]);
  });

  it("uses only message keys that exist in the catalog", () => {
    const bad = {
      name: "",
      provider: "x",
      clientId: "",
      clientSecret: "s".repeat(3000),
      authorizationEndpoint: "x",
      tokenEndpoint: "http://a.example",
      deviceEndpoint: "https://10.0.0.1",
      revocationEndpoint: "https://0x7f.1",
      scopes: '"',
      defaultFlow: "x",
      pkce: "x",
      smtpHost: "_",
      smtpPort: "x",
      smtpSecurity: "x",
    };
    const messages = Object.values(fieldErrors(strict, bad));
    expect(messages).toHaveLength(14);
    expect(messages.filter((message) => !isMessageKey(message))).toEqual([]);
  });

  it("accepts local providers over http only when allowed, and only on this machine", () => {
    const localForm = {
      ...googleForm,
      provider: "custom",
      authorizationEndpoint: "http://127.0.0.1:4010/authorize",
      tokenEndpoint: "http://localhost:4010/token",
      deviceEndpoint: "http://[::1]:4010/device",
      smtpHost: "127.0.0.1",
      smtpPort: "2525",
    };
    expect(local.safeParse(localForm).success).toBe(true);
    expect(fieldErrors(strict, localForm)).toEqual({
      authorizationEndpoint: "clients.validation.urlNotHttps",
      tokenEndpoint: "clients.validation.urlNotHttps",
      deviceEndpoint: "clients.validation.urlNotHttps",
      smtpHost: "clients.validation.smtpHostPrivate",
    });
    expect(fieldErrors(local, { ...localForm, tokenEndpoint: "http://idp.example.edu/token" })).toEqual({
      tokenEndpoint: "clients.validation.urlNotHttps",
    });
    expect(fieldErrors(local, { ...localForm, tokenEndpoint: "https://192.168.1.10/token" })).toEqual({
      tokenEndpoint: "clients.validation.urlPrivateHost",
    });
  });
});

describe("endpointUrlProblem", () => {
  it.each([
    ["https://login.microsoftonline.com/common/oauth2/v2.0/token", false, null],
    ["https://93.184.215.14/token", false, null],
    ["https://0x7f.0.0.1/token", true, "clients.validation.urlNumericHost"],
    ["https://127.1/token", true, "clients.validation.urlNumericHost"],
    ["https://[::ffff:7f00:1]/token", false, "clients.validation.urlPrivateHost"],
    ["https://[::ffff:7f00:1]/token", true, null],
    ["http://app.localhost:3000/token", true, null],
    ["ftp://example.edu/token", true, "clients.validation.urlNotHttps"],
    ["https://localhost/token", false, "clients.validation.urlPrivateHost"],
    ["https://sso.localhost/token", false, "clients.validation.urlPrivateHost"],
    ["https://localhost:8443/token", true, null],
    ["http://provider.test/token", true, "clients.validation.urlNotHttps"],
  ])("%s (local %s) → %s", (url, allowLocal, expected) => {
    expect(endpointUrlProblem(url, allowLocal)).toBe(expected);
  });
});

describe("checkClientConfig", () => {
  const google = parse(googleForm);
  const ms = parse(microsoftForm);

  it("passes the presets as they are", () => {
    expect(checkClientConfig(google)).toEqual({ errors: {}, warnings: [] });
    expect(checkClientConfig(ms)).toEqual({ errors: {}, warnings: [] });
  });

  it("refuses Google mail scopes in the device flow", () => {
    const result = checkClientConfig({
      ...google,
      defaultFlow: "device_code",
      deviceEndpoint: googlePreset.deviceEndpoint!,
    });
    expect(result.errors).toEqual({ defaultFlow: "clients.validation.googleDeviceMailScope" });
    const gmailSend = checkClientConfig({
      ...google,
      scopes: ["https://www.googleapis.com/auth/gmail.send"],
      defaultFlow: "device_code",
      deviceEndpoint: googlePreset.deviceEndpoint!,
    });
    expect(gmailSend.errors.defaultFlow).toBe("clients.validation.googleDeviceMailScope");
  });

  it("warns that gmail.send alone makes SMTP fail", () => {
    const result = checkClientConfig({ ...google, scopes: ["https://www.googleapis.com/auth/gmail.send"] });
    expect(result).toEqual({ errors: {}, warnings: ["clients.warnings.googleMailScopeMissing"] });
  });

  it("requires Google's secret unless one is already stored", () => {
    const withoutSecret = { ...google, clientSecret: undefined };
    expect(checkClientConfig(withoutSecret).errors).toEqual({
      clientSecret: "clients.validation.secretRequired",
    });
    expect(checkClientConfig(withoutSecret, { hasStoredSecret: true }).errors).toEqual({});
  });

  it("applies Google's rules to a custom configuration pointing at Google", () => {
    const custom = { ...google, provider: "custom" as const, clientSecret: undefined };
    expect(checkClientConfig(custom).errors.clientSecret).toBe("clients.validation.secretRequired");
  });

  it("warns about unexpected hosts for the known providers", () => {
    const moved = {
      ...ms,
      authorizationEndpoint: "https://login.microsoftonline.us/common/oauth2/v2.0/authorize",
      tokenEndpoint: "https://login.microsoftonline.us/common/oauth2/v2.0/token",
    };
    expect(checkClientConfig(moved).warnings).toEqual(["clients.warnings.microsoftUnexpectedHost"]);
    expect(
      checkClientConfig({
        ...ms,
        provider: "platform_microsoft",
        tokenEndpoint: "https://idp.example/token",
      }),
    ).toEqual({ errors: {}, warnings: ["clients.warnings.microsoftUnexpectedHost"] });
    expect(checkClientConfig({ ...google, tokenEndpoint: "https://idp.example.edu/token" }).warnings).toEqual(
      ["clients.warnings.googleUnexpectedHost"],
    );
  });

  it("warns when Microsoft will send no refresh token or SMTP will fail", () => {
    expect(
      checkClientConfig({ ...ms, scopes: ["https://outlook.office.com/SMTP.Send", "openid", "email"] })
        .warnings,
    ).toEqual(["clients.warnings.microsoftOfflineAccessMissing"]);
    expect(checkClientConfig({ ...ms, scopes: ["offline_access", "Mail.Send"] }).warnings).toEqual([
      "clients.warnings.microsoftSmtpScopeMissing",
    ]);
    // Microsoft scopes are not case-sensitive.
    expect(
      checkClientConfig({ ...ms, scopes: ["https://outlook.office.com/smtp.send", "OFFLINE_ACCESS"] }),
    ).toEqual({ errors: {}, warnings: [] });
  });

  it("lets Microsoft go without a secret, but not without PKCE then", () => {
    expect(checkClientConfig({ ...ms, clientSecret: undefined }).errors).toEqual({});
    expect(checkClientConfig({ ...ms, clientSecret: undefined, pkce: false }).errors).toEqual({
      pkce: "clients.validation.pkceRequiredWithoutSecret",
    });
    expect(checkClientConfig({ ...ms, clientSecret: "secret", pkce: false }).errors).toEqual({});
  });

  it("accepts the Microsoft device flow with a derived endpoint, and wants one otherwise", () => {
    expect(checkClientConfig({ ...ms, defaultFlow: "device_code" }).errors).toEqual({});
    const custom = {
      ...ms,
      provider: "custom" as const,
      authorizationEndpoint: "https://idp.example.edu/oauth/auth",
      tokenEndpoint: "https://idp.example.edu/oauth/token",
      scopes: ["mail"],
      defaultFlow: "device_code" as const,
    };
    expect(checkClientConfig(custom).errors).toEqual({
      deviceEndpoint: "clients.validation.deviceEndpointRequired",
    });
    expect(
      checkClientConfig({ ...custom, deviceEndpoint: "https://idp.example.edu/oauth/device" }).errors,
    ).toEqual({});
  });

  it.each([
    [465, "tls", []],
    [587, "starttls", []],
    [2525, "starttls", []],
    [465, "starttls", ["clients.warnings.smtpSecurityMismatch"]],
    [587, "tls", ["clients.warnings.smtpSecurityMismatch"]],
    [2465, "tls", ["clients.warnings.smtpPortUnusual"]],
  ] as const)("SMTP port %s with %s warns %j", (smtpPort, smtpSecurity, warnings) => {
    expect(checkClientConfig({ ...ms, smtpPort, smtpSecurity }).warnings).toEqual(warnings);
  });

  it("only returns keys that exist in the catalog", () => {
    const everything = checkClientConfig({
      ...google,
      clientSecret: undefined,
      pkce: false,
      scopes: ["https://www.googleapis.com/auth/gmail.send"],
      defaultFlow: "device_code",
      authorizationEndpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
      smtpPort: 2465,
    });
    const keys = [...Object.values(everything.errors), ...everything.warnings];
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
  });
});
