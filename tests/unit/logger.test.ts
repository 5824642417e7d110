import { describe, expect, it } from "vitest";
import { logSettings } from "@/lib/log/log-settings";
import { prettyLine } from "@/lib/log/pretty-line";
import { SECRET_FIELDS } from "@/lib/log/redact-paths";
import { recordingLog } from "../support/capture-logs";

describe("the logger", () => {
  it("writes one JSON line per entry with the service, level, time, message and fields", () => {
    const { log, lines, entries } = recordingLog({ service: "worker", level: "info" });
    log.child({ workerId: "host:1:abc" }).info({ mailId: "m1" }, "Lease lost on a mail");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(entries()[0]).toMatchObject({
      level: "info",
      service: "worker",
      pid: process.pid,
      workerId: "host:1:abc",
      mailId: "m1",
      msg: "Lease lost on a mail",
    });
    expect(new Date(String(entries()[0]!.time)).getTime()).not.toBeNaN();
  });

  it("leaves out entries under its level", () => {
    const { log, entries } = recordingLog({ level: "warn" });
    log.debug("hidden");
    log.info("hidden");
    log.warn("shown");
    log.error("shown too");
    expect(entries().map((entry) => entry.level)).toEqual(["warn", "error"]);
  });

  it("writes [redacted] for fields that may hold a secret or a mail's content, at the top and one level down", () => {
    const { log, lines } = recordingLog();
    const planted = Object.fromEntries(SECRET_FIELDS.map((field) => [field, `planted-${field}-value`]));
    log.info({ ...planted, request: { ...planted } }, "Planted");
    const [line] = lines;
    expect(line).not.toMatch(/planted-/);
    const entry = JSON.parse(line!) as Record<string, unknown>;
    expect(entry.password).toBe("[redacted]");
    expect((entry.request as Record<string, unknown>).accessToken).toBe("[redacted]");
  });

  it("serializes `err` to its class, message and causes; its stack at debug level only", () => {
    const failure = new RangeError("outer", { cause: new Error("inner") });
    const atInfo = recordingLog({ level: "info" });
    atInfo.log.error({ err: failure }, "Failed");
    expect(atInfo.entries()[0]!.err).toEqual({
      type: "RangeError",
      message: "outer",
      cause: { type: "Error", message: "inner" },
    });
    const atDebug = recordingLog({ level: "debug" });
    atDebug.log.error({ err: failure }, "Failed");
    expect(atDebug.entries()[0]!.err).toMatchObject({
      type: "RangeError",
      stack: expect.stringMatching(/^\s+at /),
    });
  });

  it("writes one line a person reads in the pretty format, stacks indented after it", () => {
    const { log, lines } = recordingLog({ service: "relay", level: "info", format: "pretty" });
    log.warn({ tenantId: "t1", reason: "bad password" }, "Relay login refused");
    log.error({ err: new TypeError("boom", { cause: new Error("deeper") }) }, "Failed");
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN  relay  Relay login refused tenantId=t1 reason="bad password"\n$/,
    );
    const [head, ...stack] = lines[1]!.trimEnd().split("\n");
    expect(head).toMatch(/ ERROR relay  Failed err=TypeError: boom <- caused by Error: deeper$/);
    expect(stack.length).toBeGreaterThan(0);
    expect(stack.every((frame) => /^\s+at /.test(frame))).toBe(true);
  });
});

describe("the command line's logger", () => {
  it("gives no stack in the pretty format: the person at the terminal reads one line", () => {
    const { log, lines } = recordingLog({ service: "cli", level: "info", format: "pretty" });
    log.error({ err: new Error("unreachable") }, "Command failed unexpectedly");
    expect(lines).toEqual([
      expect.stringMatching(/ ERROR cli    Command failed unexpectedly err=Error: unreachable\n$/),
    ]);
  });
});

describe("prettyLine", () => {
  it("shows codes and statuses of an error and objects as JSON", () => {
    const line = prettyLine({
      level: "warn",
      time: "2026-01-02T03:04:05.678Z",
      service: "worker",
      pid: 1,
      msg: "Mail not sent",
      verdict: { kind: "auth" },
      err: { type: "SmtpError", message: "Invalid login", code: "EAUTH", status: 535 },
    });
    expect(line).toBe(
      '03:04:05.678 WARN  worker Mail not sent verdict={"kind":"auth"} err=SmtpError: Invalid login (code EAUTH, status 535)\n',
    );
  });
});

describe("logSettings", () => {
  it("reads RELAIS_LOG_LEVEL and RELAIS_LOG_FORMAT, with info and JSON by default", () => {
    expect(logSettings("portal", {})).toEqual({ service: "portal", level: "info", format: "json" });
    expect(logSettings("worker", { RELAIS_LOG_LEVEL: "DEBUG", RELAIS_LOG_FORMAT: "pretty" })).toEqual({
      service: "worker",
      level: "debug",
      format: "pretty",
    });
  });

  it("is pretty under next dev and at a terminal, unless told otherwise", () => {
    expect(logSettings("portal", { NODE_ENV: "development" }).format).toBe("pretty");
    expect(logSettings("cli", {}, true).format).toBe("pretty");
    expect(logSettings("portal", { NODE_ENV: "development", RELAIS_LOG_FORMAT: "json" }).format).toBe("json");
  });

  it("falls back to the defaults for values that mean nothing", () => {
    expect(logSettings("relay", { RELAIS_LOG_LEVEL: "loud", RELAIS_LOG_FORMAT: "xml" })).toEqual({
      service: "relay",
      level: "info",
      format: "json",
    });
  });
});
