import { describe, expect, it } from "vitest";
import { serializeError } from "@/lib/log/serialize-error";
import { scrubSecrets } from "@/lib/log/scrub-secrets";

class SmtpFailure extends Error {
  constructor(
    message: string,
    readonly command: string,
    readonly response: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

describe("serializeError", () => {
  it("gives the class, the message and each cause's class and message", () => {
    const root = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const error = new SmtpFailure("Mail command failed", "MAIL FROM", "550", { cause: root });
    expect(serializeError(error)).toEqual({
      type: "SmtpFailure",
      message: "Mail command failed",
      cause: {
        type: "TypeError",
        message: "fetch failed",
        cause: { type: "Error", message: "connect ECONNREFUSED", code: "ECONNREFUSED" },
      },
    });
  });

  it("copies no other property of the error, whatever it holds", () => {
    const error = Object.assign(
      new SmtpFailure("Invalid login", "AUTH XOAUTH2 dXNlcj1hQGIAYXV0aD1CZWFyZXIgeHl6", "535"),
      {
        accessToken: "ya29.secret-token",
        config: { clientSecret: "GOCSPX-secret" },
        responseCode: 535,
        code: "EAUTH",
      },
    );
    const serialized = serializeError(error);
    expect(Object.keys(serialized).sort()).toEqual(["code", "message", "status", "type"]);
    expect(serialized).toMatchObject({ code: "EAUTH", status: 535 });
    const text = JSON.stringify(serialized);
    for (const secret of ["ya29", "GOCSPX", "XOAUTH2", "dXNlcj1h"]) expect(text).not.toContain(secret);
  });

  it("keeps a code only when it is a short plain token", () => {
    expect(serializeError(Object.assign(new Error("x"), { code: "P2002" })).code).toBe("P2002");
    expect(
      serializeError(Object.assign(new Error("x"), { code: "has spaces and a secret" })).code,
    ).toBeUndefined();
  });

  it("gives the stack's frames only when asked", () => {
    const error = new Error("Bearer abc.def in the message");
    expect(serializeError(error).stack).toBeUndefined();
    const stack = serializeError(error, { stack: true }).stack!;
    expect(stack).toMatch(/^\s+at /);
    expect(stack).not.toContain("abc.def");
  });

  it("names the class of the error (a class of its own, an AbortError of DOMException)", () => {
    class Timeout extends Error {}
    expect(serializeError(new Timeout("late")).type).toBe("Timeout");
    const aborted = serializeError(new DOMException("stopped", "AbortError"));
    expect(aborted).toMatchObject({ type: "DOMException", name: "AbortError" });
  });

  it("keeps only the last line of Prisma's messages, which quote the call's arguments first", () => {
    const error = new Error(
      'Invalid `db.mailbox.update()` invocation:\n\n  data: { accessTokenCipher: "v1:abc" }\n\nCan\'t reach database server',
    );
    error.name = "PrismaClientInitializationError";
    expect(serializeError(error).message).toBe("Can't reach database server");
  });

  it("lists the first errors of an AggregateError (a connection tried on ::1 and 127.0.0.1)", () => {
    const error = new AggregateError(
      [new Error("connect ECONNREFUSED ::1:5432"), new Error("connect ECONNREFUSED 127.0.0.1:5432")],
      "",
    );
    expect(serializeError(error).errors?.map((inner) => inner.message)).toEqual([
      "connect ECONNREFUSED ::1:5432",
      "connect ECONNREFUSED 127.0.0.1:5432",
    ]);
  });

  it("stops following causes after a few, even a cycle", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    a.cause = b;
    let depth = 0;
    for (let e = serializeError(a); e.cause; e = e.cause) depth += 1;
    expect(depth).toBe(5);
  });

  it("describes what is thrown that is not an error", () => {
    expect(serializeError("plain text")).toEqual({ type: "string", message: "plain text" });
    expect(serializeError({ password: "hunter2" })).toEqual({ type: "Object", message: "" });
    expect(serializeError(undefined)).toEqual({ type: "undefined", message: "" });
  });
});

describe("scrubSecrets", () => {
  it("replaces what is shaped like a credential in an error's text", () => {
    const text = [
      "connect to postgresql://relais:s3cret@db:5432/relais failed",
      "Authorization: Bearer ya29.a0AfH6SM",
      "token request: grant_type=refresh_token&refresh_token=1//0gabc&client_secret=GOCSPX-x",
      '{"access_token":"ya29.x","expires_in":3600}',
      "AUTH XOAUTH2 dXNlcj1hQGIuYwFhdXRoPUJlYXJlciB5YTI5",
    ].join("\n");
    const scrubbed = scrubSecrets(text);
    for (const secret of ["s3cret", "ya29", "1//0gabc", "GOCSPX-x", "dXNlcj1h"])
      expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain("postgresql://[redacted]@db:5432/relais");
    expect(scrubbed).toContain('"expires_in":3600');
  });
});
