import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { connectMailbox } from "./connect-mailbox";

const TENANT = "0b6e8f4a-3c2d-4e5f-9a8b-7c6d5e4f3a2b";
const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";

let fakes: FakeProvidersHandle;

beforeAll(async () => {
  fakes = await startFakeProviders();
});

afterAll(async () => {
  await fakes.close();
});

async function callControl(url: string, method: string, args: unknown[]) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method, args }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("fake providers' discovery documents", () => {
  it("lists Google's revocation endpoint", async () => {
    const document = (await (await fetch(fakes.google.discoveryUrl)).json()) as Record<string, unknown>;
    expect(document).toMatchObject({
      authorization_endpoint: fakes.google.authorizationEndpoint,
      token_endpoint: fakes.google.tokenEndpoint,
      device_authorization_endpoint: fakes.google.deviceEndpoint,
      revocation_endpoint: fakes.google.revocationEndpoint,
    });
  });

  it("gives Microsoft's endpoints under the directory the document was fetched for", async () => {
    const endpoints = fakes.microsoft.directory(TENANT);
    const document = (await (await fetch(endpoints.discoveryUrl)).json()) as Record<string, unknown>;
    expect(document).toMatchObject({
      authorization_endpoint: endpoints.authorizationEndpoint,
      token_endpoint: endpoints.tokenEndpoint,
      device_authorization_endpoint: endpoints.deviceEndpoint,
    });
    expect(document.revocation_endpoint).toBeUndefined();
    expect(endpoints.deviceEndpoint).toBe(
      endpoints.authorizationEndpoint.replace(/authorize$/, "devicecode"),
    );
  });
});

describe("the control endpoint", () => {
  it("registers clients and mailboxes for fakes running in another process", async () => {
    const client = {
      provider: "microsoft",
      clientId: "dddddddd-0000-4000-8000-000000000004",
      redirectUris: [REDIRECT],
    };
    expect(await callControl(fakes.microsoft.controlUrl, "registerClient", [client])).toEqual({
      status: 200,
      body: { result: null },
    });
    await callControl(fakes.microsoft.controlUrl, "addMailbox", [
      "remote@lycee.test",
      { provider: "microsoft" },
    ]);
    const { tokens } = await connectMailbox(fakes, {
      provider: "microsoft",
      email: "remote@lycee.test",
      clientId: client.clientId,
      redirectUri: REDIRECT,
      scope: "https://outlook.office.com/SMTP.Send offline_access",
      extra: { prompt: "select_account" },
    });
    expect(typeof tokens.refresh_token).toBe("string");
    const stats = await callControl(fakes.google.controlUrl, "stats", []);
    expect(stats.body.result).toMatchObject({ authorizationRequests: 1, tokenRequests: 1 });
  });

  it("refuses unknown methods", async () => {
    expect(await callControl(fakes.google.controlUrl, "constructor", [])).toEqual({
      status: 400,
      body: { error: "unknown control method constructor" },
    });
  });
});
