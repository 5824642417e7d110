import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { newRequestId, requestIdFor, requestIdOf, validRequestId } from "@/lib/http/request-id";
import { proxy } from "@/proxy";

describe("request ids", () => {
  it("keeps an incoming id only when it is a short plain token", () => {
    expect(validRequestId("3f2a-b.c_9")).toBe("3f2a-b.c_9");
    expect(validRequestId("a".repeat(64))).toBe("a".repeat(64));
    for (const bad of [
      "",
      "a".repeat(65),
      "with space",
      "line\nbreak",
      '{"json":1}',
      "x=1;y",
      null,
      undefined,
    ])
      expect(validRequestId(bad)).toBeNull();
  });

  it("makes a new one otherwise: 16 hexadecimal digits, different each time", () => {
    expect(newRequestId()).toMatch(/^[0-9a-f]{16}$/);
    expect(newRequestId()).not.toBe(newRequestId());
    expect(requestIdFor("nginx-4d2c")).toBe("nginx-4d2c");
    expect(requestIdFor("bad id\n")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("reads the id the proxy set from a request's headers", () => {
    expect(requestIdOf(new Request("http://127.0.0.1/", { headers: { "x-request-id": "abc" } }))).toBe("abc");
    expect(
      requestIdOf(new Request("http://127.0.0.1/", { headers: { "x-request-id": "a b" } })),
    ).toBeUndefined();
    expect(requestIdOf(new Request("http://127.0.0.1/"))).toBeUndefined();
  });

  it("is set by the proxy on the request it passes on and on the response", () => {
    const generated = proxy(new NextRequest("http://127.0.0.1:3000/t/demo"));
    const id = generated.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    // Next.js passes the request's replaced headers on as x-middleware-request-* headers of the response.
    expect(generated.headers.get("x-middleware-request-x-request-id")).toBe(id);

    const kept = proxy(new NextRequest("http://127.0.0.1:3000/", { headers: { "x-request-id": "lb-7f3e" } }));
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3e");
    const replaced = proxy(
      new NextRequest("http://127.0.0.1:3000/", { headers: { "x-request-id": "<script>alert(1)</script>" } }),
    );
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
    expect(replaced.headers.get("x-middleware-request-x-request-id")).toBe(
      replaced.headers.get("x-request-id"),
    );
  });
});
