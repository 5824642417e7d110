import { describe, expect, it } from "vitest";
import { metricsAccess } from "@/lib/metrics/metrics-access";
import { MetricsSettingsError, metricsServerSettings } from "@/lib/metrics/serve-metrics";

const TOKEN = "3f9c1e0b7a6d4c2e8f5a1b9d0c7e6f4a";

describe("metricsAccess", () => {
  it("is disabled without a token in the environment, whatever the request says", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe("disabled");
    expect(metricsAccess(null, "")).toBe("disabled");
    expect(metricsAccess("Bearer ", "   ")).toBe("disabled");
  });

  it("allows the bearer token, and only it", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(`bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(`Bearer ${TOKEN}`, ` ${TOKEN}\n`)).toBe("allowed");
    for (const header of [
      null,
      undefined,
      "",
      "Bearer",
      "Bearer ",
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Bearer ${TOKEN} ${TOKEN}`,
      `Bearer  x${TOKEN}`,
    ]) {
      expect(metricsAccess(header, TOKEN), String(header)).toBe("unauthorized");
    }
  });
});

describe("metricsServerSettings", () => {
  it("is off without RELAIS_METRICS_PORT", () => {
    expect(metricsServerSettings({ RELAIS_METRICS_TOKEN: TOKEN })).toBeNull();
    expect(metricsServerSettings({ RELAIS_METRICS_PORT: " " })).toBeNull();
  });

  it("binds loopback unless told otherwise, and takes port 0", () => {
    expect(metricsServerSettings({ RELAIS_METRICS_PORT: "9464", RELAIS_METRICS_TOKEN: TOKEN })).toEqual({
      host: "127.0.0.1",
      port: 9464,
      token: TOKEN,
    });
    expect(
      metricsServerSettings({
        RELAIS_METRICS_PORT: "0",
        RELAIS_METRICS_TOKEN: TOKEN,
        RELAIS_METRICS_HOST: "10.0.0.5",
      }),
    ).toEqual({ host: "10.0.0.5", port: 0, token: TOKEN });
  });

  it("refuses a port without a token, and a port that is not one", () => {
    expect(() => metricsServerSettings({ RELAIS_METRICS_PORT: "9464" })).toThrow(MetricsSettingsError);
    expect(() => metricsServerSettings({ RELAIS_METRICS_PORT: "9464", RELAIS_METRICS_TOKEN: " " })).toThrow(
      /RELAIS_METRICS_TOKEN/,
    );
    for (const port of ["http", "-1", "70000", "94.6"]) {
      expect(() => metricsServerSettings({ RELAIS_METRICS_PORT: port, RELAIS_METRICS_TOKEN: TOKEN })).toThrow(
        /RELAIS_METRICS_PORT must be a port number/,
      );
    }
  });
});
