import { describe, expect, it } from "vitest";
import { deriveDeviceEndpoint, mergeAuthorizationParams } from "@/lib/oauth/endpoint-url";

describe("deriveDeviceEndpoint", () => {
  it.each([
    [
      "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
      "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode",
    ],
    [
      "https://login.microsoftonline.com/0b5d5a3c-6f8e-4c51-9d1b-2a0f7f3c4d5e/oauth2/v2.0/authorize",
      "https://login.microsoftonline.com/0b5d5a3c-6f8e-4c51-9d1b-2a0f7f3c4d5e/oauth2/v2.0/devicecode",
    ],
    ["https://idp.example.edu/oauth/authorize", "https://idp.example.edu/oauth/devicecode"],
    ["http://127.0.0.1:4010/authorize", "http://127.0.0.1:4010/devicecode"],
    [
      "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?prompt=select_account#top",
      "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode",
    ],
  ])("%s → %s", (authorization, device) => {
    expect(deriveDeviceEndpoint(authorization)).toBe(device);
  });

  it.each([
    "https://accounts.google.com/o/oauth2/v2/auth?prompt=consent&access_type=offline",
    "https://login.microsoftonline.com/common/oauth2/v2.0/authorize/",
    "https://login.microsoftonline.com/common/oauth2/v2.0/authorization",
    "https://login.microsoftonline.com/common/oauth2/v2.0/Authorize",
    "https://example.edu/authorize/callback",
    "https://example.edu/?next=/authorize",
    "https://example.edu",
    "not a url",
    "",
  ])("does not apply to %j", (authorization) => {
    expect(deriveDeviceEndpoint(authorization)).toBeNull();
  });
});

describe("mergeAuthorizationParams", () => {
  const relais = {
    client_id: "123.apps.googleusercontent.com",
    redirect_uri: "https://relais.example.org/api/oauth/callback",
    response_type: "code",
    scope: "https://mail.google.com/ openid email",
    state: "state-from-relais",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    login_hint: "secretariat@school.example",
  };

  function paramsOf(url: string): [string, string][] {
    return [...new URL(url).searchParams];
  }

  it("keeps Google's registered prompt and access_type and adds Relais's parameters once each", () => {
    const url = mergeAuthorizationParams(
      "https://accounts.google.com/o/oauth2/v2/auth?prompt=consent&access_type=offline",
      relais,
    );
    expect(url.startsWith("https://accounts.google.com/o/oauth2/v2/auth?")).toBe(true);
    expect(Object.fromEntries(paramsOf(url))).toEqual({
      prompt: "consent",
      access_type: "offline",
      ...relais,
    });
    const keys = paramsOf(url).map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("lets Relais's protocol parameters win over typed ones, and drops typed ones Relais does not send", () => {
    const url = mergeAuthorizationParams(
      "https://idp.example.edu/authorize?state=typed&redirect_uri=https://evil.example/cb&client_id=other" +
        "&code_challenge=typed&response_mode=form_post&nonce=n&prompt=login",
      { ...relais, login_hint: undefined },
    );
    const params = Object.fromEntries(paramsOf(url));
    expect(params.state).toBe("state-from-relais");
    expect(params.redirect_uri).toBe(relais.redirect_uri);
    expect(params.client_id).toBe(relais.client_id);
    expect(params.code_challenge).toBe(relais.code_challenge);
    expect(params.prompt).toBe("login");
    expect(params).not.toHaveProperty("response_mode");
    expect(params).not.toHaveProperty("nonce");
    expect(params).not.toHaveProperty("login_hint");
  });

  it("lets registered extras win over Relais's non-protocol values", () => {
    const url = mergeAuthorizationParams("https://idp.example.edu/authorize?prompt=consent", {
      ...relais,
      prompt: "select_account",
      access_type: "offline",
    });
    const params = paramsOf(url);
    expect(params.filter(([key]) => key === "prompt")).toEqual([["prompt", "consent"]]);
    expect(params.filter(([key]) => key === "access_type")).toEqual([["access_type", "offline"]]);
  });

  it("never repeats a key, even one repeated in the registered URL", () => {
    const url = mergeAuthorizationParams(
      "https://idp.example.edu/authorize?prompt=consent&prompt=login&state=a&state=b",
      relais,
    );
    const params = paramsOf(url);
    expect(params.filter(([key]) => key === "prompt")).toEqual([["prompt", "consent"]]);
    expect(params.filter(([key]) => key === "state")).toEqual([["state", "state-from-relais"]]);
  });

  it("keeps the path and drops a fragment", () => {
    const url = mergeAuthorizationParams("https://login.microsoftonline.com/common/oauth2/v2.0/authorize#x", {
      client_id: "abc",
      scope: "a b",
    });
    expect(url).toBe(
      "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&scope=a+b",
    );
  });
});
