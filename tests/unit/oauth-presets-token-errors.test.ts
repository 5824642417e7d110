import { describe, expect, it } from "vitest";
import { classifyTokenError } from "@/lib/oauth/oauth-errors";

/** A Microsoft identity platform error body, shaped like the real ones. */
function microsoftBody(error: string, code: number, description: string) {
  return {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: 0c7b8e57-4f7e-4a5c-9a0e-1f2d3c4b5a69\r\nCorrelation ID: 5b1f2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\r\nTimestamp: 2026-01-12 08:15:02Z`,
    error_codes: [code],
    timestamp: "2026-01-12 08:15:02Z",
    trace_id: "0c7b8e57-4f7e-4a5c-9a0e-1f2d3c4b5a69",
    correlation_id: "5b1f2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
    error_uri: "https://login.microsoftonline.com/error?code=" + code,
  };
}

describe("classifyTokenError", () => {
  it.each([
    ["invalid_grant", 70000, "The provided value for the 'refresh_token' is invalid.", "invalid_grant"],
    [
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity.",
      "invalid_grant",
    ],
    ["invalid_grant", 700082, "The refresh token has expired due to inactivity.", "invalid_grant"],
    ["invalid_grant", 50173, "The provided grant has expired due to it being revoked.", "invalid_grant"],
    ["invalid_client", 7000215, "Invalid client secret provided.", "invalid_client"],
    ["invalid_client", 7000222, "The provided client secret keys for app are expired.", "invalid_client"],
    [
      "unauthorized_client",
      700016,
      "Application with identifier 'x' was not found in the directory.",
      "invalid_client",
    ],
    [
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      "invalid_client",
    ],
    [
      "invalid_grant",
      65001,
      "The user or administrator has not consented to use the application.",
      "consent_required",
    ],
    [
      "invalid_grant",
      90094,
      "Admin consent is required for the permissions requested by this application.",
      "consent_required",
    ],
    ["invalid_grant", 54005, "OAuth2 Authorization code was already redeemed.", "code_redeemed"],
  ])("Microsoft %s AADSTS%s → %s", (error, code, description, kind) => {
    const result = classifyTokenError({
      status: 400,
      body: microsoftBody(error, code, description),
      grant: "refresh_token",
    });
    expect(result).toEqual({ kind, error, codes: [code] });
  });

  it("decides on error_codes, not on what the description says", () => {
    const body = {
      ...microsoftBody("invalid_grant", 70008, "expired"),
      error_description: "AADSTS7000215: Invalid client secret",
    };
    expect(classifyTokenError({ status: 400, body }).kind).toBe("invalid_grant");
    const wordy = {
      error: "invalid_request",
      error_description: "The refresh token was revoked (invalid_grant).",
    };
    expect(classifyTokenError({ status: 400, body: wordy }).kind).toBe("unknown");
  });

  it("falls back to the AADSTS tag at the start of the description when error_codes is missing", () => {
    const body = {
      error: "invalid_request",
      error_description: "AADSTS700082: The refresh token has expired.",
    };
    expect(classifyTokenError({ status: 400, body })).toEqual({
      kind: "invalid_grant",
      error: "invalid_request",
      codes: [700082],
    });
    const buried = { error: "invalid_request", error_description: "See AADSTS700082: for details" };
    expect(classifyTokenError({ status: 400, body: buried }).codes).toEqual([]);
  });

  it("classifies Google's bodies by their error", () => {
    const revoked = { error: "invalid_grant", error_description: "Token has been expired or revoked." };
    expect(classifyTokenError({ status: 400, body: revoked, grant: "refresh_token" })).toEqual({
      kind: "invalid_grant",
      error: "invalid_grant",
      codes: [],
    });
    const badClient = { error: "invalid_client", error_description: "The OAuth client was not found." };
    expect(classifyTokenError({ status: 401, body: badClient }).kind).toBe("invalid_client");
    expect(
      classifyTokenError({
        status: 400,
        body: { error: "unauthorized_client", error_description: "Unauthorized" },
      }).kind,
    ).toBe("invalid_client");
  });

  it("treats invalid_grant on a code exchange as a used code, so that stored tokens are kept", () => {
    const google = { error: "invalid_grant", error_description: "Bad Request" };
    expect(classifyTokenError({ status: 400, body: google, grant: "authorization_code" }).kind).toBe(
      "code_redeemed",
    );
    const microsoft = microsoftBody("invalid_grant", 70000, "The provided authorization code is invalid.");
    expect(classifyTokenError({ status: 400, body: microsoft, grant: "authorization_code" }).kind).toBe(
      "code_redeemed",
    );
    // A wrong secret is still the configuration's fault.
    const secret = microsoftBody("invalid_client", 7000215, "Invalid client secret provided.");
    expect(classifyTokenError({ status: 401, body: secret, grant: "authorization_code" }).kind).toBe(
      "invalid_client",
    );
  });

  it.each([
    [{ status: 500, body: "<html>Internal Server Error</html>" }],
    [{ status: 503, body: microsoftBody("invalid_grant", 70008, "looks fatal but the server is down") }],
    [{ status: 502 }],
    [{ status: 429, body: { error: "rate_limited" } }],
    [{ status: 400, body: { error: "temporarily_unavailable" } }],
    [{ status: 400, body: { error: "server_error" } }],
    [{ transportFailure: true }],
  ])("treats %j as transient", (response) => {
    expect(classifyTokenError(response).kind).toBe("transient");
  });

  it("reads a raw JSON text body", () => {
    const text = JSON.stringify(microsoftBody("invalid_client", 7000222, "expired secret"));
    expect(classifyTokenError({ status: 401, body: text }).kind).toBe("invalid_client");
  });

  it.each([
    [{ status: 400, body: "not json" }],
    [{ status: 400, body: null }],
    [{ status: 400, body: ["invalid_grant"] }],
    [{ status: 400, body: { error: "invalid_scope" } }],
    [{ status: 428, body: { error: "authorization_pending" } }],
    [{ status: 400, body: { error: 42, error_codes: "70008" } }],
  ])("leaves %j unknown", (response) => {
    expect(classifyTokenError(response).kind).toBe("unknown");
  });

  it("keeps the OAuth error for the device flow to act on", () => {
    expect(classifyTokenError({ status: 403, body: { error: "slow_down" }, grant: "device_code" })).toEqual({
      kind: "unknown",
      error: "slow_down",
      codes: [],
    });
  });
});
