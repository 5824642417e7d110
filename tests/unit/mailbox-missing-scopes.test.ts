import { describe, expect, it } from "vitest";
import { missingScopes } from "@/lib/oauth/missing-scopes";

const google = ["https://mail.google.com/", "openid", "email"];
const microsoft = ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"];

describe("missingScopes", () => {
  it("flags Google's mail scope when it was unticked, not the sign-in scopes Google renames", () => {
    expect(missingScopes(google, ["openid", "https://www.googleapis.com/auth/userinfo.email"])).toEqual([
      "https://mail.google.com/",
    ]);
    expect(missingScopes(google, ["https://mail.google.com/", "openid"])).toEqual([]);
  });

  it("accepts Microsoft's SMTP scope in any case, with or without its resource", () => {
    expect(missingScopes(microsoft, ["https://outlook.office.com/smtp.send"])).toEqual([]);
    expect(missingScopes(microsoft, ["SMTP.Send"])).toEqual([]);
    expect(missingScopes(microsoft, ["https://outlook.office.com/IMAP.AccessAsUser.All"])).toEqual([
      "https://outlook.office.com/SMTP.Send",
    ]);
  });
});
