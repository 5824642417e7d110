import { describe, expect, it } from "vitest";
import { relayConnectionInfo, relaySettings, RelaySettingsError } from "@/lib/relay/relay-settings";

const production = { DATABASE_URL: "postgresql://db/relais", NEXTAUTH_URL: "https://relais.lycee.test" };
const withCert = {
  ...production,
  RELAIS_RELAY_TLS_CERT: "/etc/relais/cert.pem",
  RELAIS_RELAY_TLS_KEY: "/etc/relais/key.pem",
};

describe("relay settings", () => {
  it("listens on 587 (STARTTLS) and 465 (TLS) on every address with a database server, named after the portal", () => {
    const settings = relaySettings(withCert);
    expect(settings.listeners).toEqual([
      { kind: "submission", host: "0.0.0.0", port: 587, legacyTls: false },
      { kind: "tls", host: "0.0.0.0", port: 465, legacyTls: false },
    ]);
    expect(settings.publicHost).toBe("relais.lycee.test");
    expect(settings.generatedCertDir).toBeNull();
  });

  it("listens on 127.0.0.1:2587 and 2465 with a generated certificate in the embedded first run", () => {
    const settings = relaySettings({ RELAIS_DATA_DIR: "/tmp/relais-data" });
    expect(settings.listeners.map((l) => `${l.host}:${l.port}`)).toEqual([
      "127.0.0.1:2587",
      "127.0.0.1:2465",
    ]);
    expect(settings.generatedCertDir).toBe("/tmp/relais-data/relay-tls");
  });

  it("refuses to run the TLS listeners in production without a certificate, and half a pair", () => {
    expect(() => relaySettings(production)).toThrow(RelaySettingsError);
    expect(() => relaySettings({ ...production, RELAIS_RELAY_TLS_CERT: "/c.pem" })).toThrow(/both/);
  });

  it("binds the plain listener only to the addresses named, never to every address", () => {
    const settings = relaySettings({
      ...withCert,
      RELAIS_RELAY_PLAIN_PORT: "2525",
      RELAIS_RELAY_PLAIN_HOSTS: "192.168.10.5, 10.0.0.5",
    });
    expect(settings.listeners.filter((l) => l.kind === "plain")).toEqual([
      { kind: "plain", host: "192.168.10.5", port: 2525, legacyTls: false },
      { kind: "plain", host: "10.0.0.5", port: 2525, legacyTls: false },
    ]);
    expect(
      relayConnectionInfo({
        ...withCert,
        RELAIS_RELAY_PLAIN_PORT: "2525",
        RELAIS_RELAY_PLAIN_HOSTS: "192.168.10.5",
      }),
    ).toEqual({
      host: "relais.lycee.test",
      submissionPort: 587,
      tlsPort: 465,
      plainPort: 2525,
      plainHosts: ["192.168.10.5"],
      legacyPort: null,
      legacyMode: null,
    });
    expect(() => relaySettings({ ...withCert, RELAIS_RELAY_PLAIN_PORT: "2525" })).toThrow(/PLAIN_HOSTS/);
    for (const host of ["0.0.0.0", "::", "lan.lycee.test"]) {
      expect(() =>
        relaySettings({ ...withCert, RELAIS_RELAY_PLAIN_PORT: "2525", RELAIS_RELAY_PLAIN_HOSTS: host }),
      ).toThrow(RelaySettingsError);
    }
  });

  it("adds the legacy TLS 1.0/1.1 listener only when asked, in the mode asked", () => {
    expect(relaySettings(withCert).listeners.some((l) => l.legacyTls)).toBe(false);
    const settings = relaySettings({
      ...withCert,
      RELAIS_RELAY_LEGACY_TLS_PORT: "10465",
      RELAIS_RELAY_LEGACY_TLS_MODE: "tls",
    });
    expect(
      relayConnectionInfo({
        ...withCert,
        RELAIS_RELAY_LEGACY_TLS_PORT: "10465",
        RELAIS_RELAY_LEGACY_TLS_MODE: "tls",
      }),
    ).toMatchObject({ legacyPort: 10465, legacyMode: "tls" });
    expect(settings.listeners.find((l) => l.legacyTls)).toEqual({
      kind: "tls",
      host: "0.0.0.0",
      port: 10465,
      legacyTls: true,
    });
    expect(() =>
      relaySettings({ ...withCert, RELAIS_RELAY_LEGACY_TLS_PORT: "1", RELAIS_RELAY_LEGACY_TLS_MODE: "ssl" }),
    ).toThrow(RelaySettingsError);
  });

  it("reads PROXY headers only from load balancers named by address", () => {
    expect(relaySettings(withCert).proxyProtocolFrom).toEqual([]);
    expect(
      relaySettings({ ...withCert, RELAIS_RELAY_PROXY_PROTOCOL_FROM: "10.0.0.2, 10.0.0.3" })
        .proxyProtocolFrom,
    ).toEqual(["10.0.0.2", "10.0.0.3"]);
    for (const value of ["*", "lb.lycee.test"]) {
      expect(() => relaySettings({ ...withCert, RELAIS_RELAY_PROXY_PROTOCOL_FROM: value })).toThrow(
        /RELAIS_RELAY_PROXY_PROTOCOL_FROM/,
      );
    }
  });

  it("turns a listener off when asked", () => {
    const settings = relaySettings({ ...withCert, RELAIS_RELAY_TLS_PORT: "off" });
    expect(settings.listeners.map((l) => l.kind)).toEqual(["submission"]);
  });

  it("says which setting is wrong", () => {
    expect(() => relaySettings({ ...withCert, RELAIS_RELAY_PORT: "abc" })).toThrow(/RELAIS_RELAY_PORT/);
    expect(() => relaySettings({ ...withCert, RELAIS_RELAY_MAX_CONNECTIONS: "0" })).toThrow(
      /RELAIS_RELAY_MAX_CONNECTIONS/,
    );
  });
});
