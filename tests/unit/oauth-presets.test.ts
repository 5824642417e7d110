import { describe, expect, it } from "vitest";
import {
  googlePreset,
  isMicrosoftDirectory,
  isMicrosoftKind,
  microsoftPreset,
  presetFor,
} from "@/lib/oauth/presets";
import { deriveDeviceEndpoint } from "@/lib/oauth/endpoint-url";

describe("Google preset", () => {
  it("holds Google's endpoints, keeping the parameters that bring a refresh token", () => {
    expect(googlePreset).toEqual({
      authorizationEndpoint:
        "https://accounts.google.com/o/oauth2/v2/auth?prompt=consent&access_type=offline",
      tokenEndpoint: "https://oauth2.googleapis.com/token",
      deviceEndpoint: "https://oauth2.googleapis.com/device/code",
      revocationEndpoint: "https://oauth2.googleapis.com/revoke",
      scopes: ["https://mail.google.com/", "openid", "email"],
      smtpHost: "smtp.gmail.com",
      smtpPort: 465,
      smtpSecurity: "tls",
      clientSecret: "required",
      pkce: true,
      defaultFlow: "authorization_code",
    });
  });

  it("cannot be changed by a caller", () => {
    expect(Object.isFrozen(googlePreset)).toBe(true);
    expect(Object.isFrozen(googlePreset.scopes)).toBe(true);
  });
});

describe("Microsoft preset", () => {
  const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  it("builds the endpoints of one directory, with no revocation endpoint", () => {
    expect(microsoftPreset(tenantId)).toEqual({
      authorizationEndpoint: `https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/authorize`,
      tokenEndpoint: `https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/token`,
      deviceEndpoint: `https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/devicecode`,
      revocationEndpoint: null,
      scopes: ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"],
      smtpHost: "smtp.office365.com",
      smtpPort: 587,
      smtpSecurity: "starttls",
      clientSecret: "optional",
      pkce: true,
      defaultFlow: "authorization_code",
    });
  });

  it("agrees with the device endpoint rule", () => {
    for (const directory of ["organizations", "common", tenantId]) {
      const preset = microsoftPreset(directory)!;
      expect(deriveDeviceEndpoint(preset.authorizationEndpoint)).toBe(preset.deviceEndpoint);
    }
  });

  it("writes a tenant ID in lower case", () => {
    expect(microsoftPreset(tenantId.toUpperCase())!.tokenEndpoint).toContain(`/${tenantId}/`);
  });

  it.each([
    ["organizations", true],
    ["common", true],
    [tenantId, true],
    [tenantId.toUpperCase(), true],
    ["consumers", false],
    ["", false],
    ["contoso.onmicrosoft.com", false],
    ["72f988bf-86f1-41af-91ab-2d7cd011db4", false],
    ["72f988bf86f141af91ab2d7cd011db47", false],
    ["common/../evil", false],
    ["Organizations", false],
  ])("directory %j valid: %s", (directory, valid) => {
    expect(isMicrosoftDirectory(directory)).toBe(valid);
    expect(microsoftPreset(directory) !== null).toBe(valid);
  });
});

describe("presetFor", () => {
  it("gives each kind its preset", () => {
    expect(presetFor("google")).toBe(googlePreset);
    expect(presetFor("microsoft")!.tokenEndpoint).toBe(
      "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
    );
    expect(presetFor("microsoft", "common")!.tokenEndpoint).toContain("/common/");
    expect(presetFor("platform_microsoft")!.authorizationEndpoint).toContain("/organizations/");
    expect(presetFor("microsoft", "nope")).toBeNull();
    expect(presetFor("custom")).toBeNull();
  });

  it("treats the platform's Microsoft application as Microsoft", () => {
    expect(isMicrosoftKind("microsoft")).toBe(true);
    expect(isMicrosoftKind("platform_microsoft")).toBe(true);
    expect(isMicrosoftKind("google")).toBe(false);
    expect(isMicrosoftKind("custom")).toBe(false);
  });
});
