import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { clientIp } from "@/lib/http/client-ip";

describe("passwords", () => {
  it("verify the right password and refuse a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });

  it("salt every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });
});

describe("safeCallbackPath", () => {
  it.each([
    ["/t/demo/members", "/t/demo/members"],
    ["//evil.example/x", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    [undefined, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("clientIp", () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

  it("trusts only the hop added by the server unless told it is behind a proxy", () => {
    delete process.env.RELAIS_TRUST_PROXY;
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }))).toBe("198.51.100.4");
    process.env.RELAIS_TRUST_PROXY = "true";
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }))).toBe("203.0.113.9");
    delete process.env.RELAIS_TRUST_PROXY;
    expect(clientIp(headers({}))).toBeNull();
  });
});
