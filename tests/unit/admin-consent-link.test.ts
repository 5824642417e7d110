import { afterEach, describe, expect, it } from "vitest";
import { adminConsentLink, isConsentMissingCode } from "@/lib/clients/admin-consent-link";

const GUID = "7f3c2a10-1111-4222-8333-444455556666";
const CLIENT = "00000000-0000-4000-8000-000000000042";

const school = (authorizationEndpoint: string, microsoftDirectory: string | null = null) => ({
  provider: "microsoft" as const,
  clientId: CLIENT,
  authorizationEndpoint,
  microsoftDirectory,
});

afterEach(() => {
  delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID;
  delete process.env.RELAIS_PLATFORM_MICROSOFT_DIRECTORY;
  delete process.env.RELAIS_PLATFORM_MICROSOFT_AUTHORITY;
});

describe("the admin-consent link", () => {
  it("names the school's own directory, or organizations when the application is multi-tenant", () => {
    expect(
      adminConsentLink(school(`https://login.microsoftonline.com/${GUID}/oauth2/v2.0/authorize`, GUID)),
    ).toEqual({
      url: `https://login.microsoftonline.com/${GUID}/adminconsent?client_id=${CLIENT}`,
      platform: false,
      directory: GUID,
    });
    for (const directory of ["common", "organizations"]) {
      expect(
        adminConsentLink(school(`https://login.microsoftonline.com/${directory}/oauth2/v2.0/authorize`))?.url,
      ).toBe(`https://login.microsoftonline.com/organizations/adminconsent?client_id=${CLIENT}`);
    }
  });

  it("keeps a national cloud's authority, and gives nothing for Google or an endpoint of another shape", () => {
    expect(
      adminConsentLink(
        school(`https://login.microsoftonline.us/${GUID}/oauth2/v2.0/authorize?prompt=select_account`),
      )?.url,
    ).toBe(`https://login.microsoftonline.us/${GUID}/adminconsent?client_id=${CLIENT}`);
    expect(
      adminConsentLink({ ...school("https://accounts.google.com/o/oauth2/v2/auth"), provider: "google" }),
    ).toBeNull();
    expect(adminConsentLink(school("https://idp.example.test/authorize"))).toBeNull();
  });

  it("gives the platform's application's link when the school uses it, and none once it is gone", () => {
    const platform = {
      provider: "platform_microsoft" as const,
      clientId: "",
      authorizationEndpoint: "",
      microsoftDirectory: null,
    };
    expect(adminConsentLink(platform)).toBeNull();
    process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID = "platform-app";
    expect(adminConsentLink(platform)).toEqual({
      url: "https://login.microsoftonline.com/organizations/adminconsent?client_id=platform-app",
      platform: true,
      directory: "organizations",
    });
  });

  it("recognises consent missing by Microsoft's numbers and the OAuth code", () => {
    expect(["AADSTS65001", "AADSTS90094", "consent_required"].every(isConsentMissingCode)).toBe(true);
    expect(isConsentMissingCode("AADSTS70000")).toBe(false);
    expect(isConsentMissingCode(null)).toBe(false);
  });
});
