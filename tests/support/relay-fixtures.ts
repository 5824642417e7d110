import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cliActor } from "@/lib/cli/command";
import { createRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import { createRelayCredentialSchema } from "@/lib/relay-credentials/relay-credential-schemas";
import type { RelaySettings } from "@/lib/relay/relay-settings";
import { getDb } from "@/lib/db/client";
import { prismaRelaySql } from "@/lib/relay/relay-sql";
import { startRelay, type RunningRelay, type StartRelayOptions } from "@/lib/relay/start-relay";

/** Relay settings for tests: every listener on 127.0.0.1, any free port, a generated certificate. */
export function testRelaySettings(overrides: Partial<RelaySettings> = {}): RelaySettings {
  return {
    listeners: [
      { kind: "submission", host: "127.0.0.1", port: 0, legacyTls: false },
      { kind: "tls", host: "127.0.0.1", port: 0, legacyTls: false },
      { kind: "plain", host: "127.0.0.1", port: 0, legacyTls: false },
    ],
    publicHost: "127.0.0.1",
    certFile: null,
    keyFile: null,
    generatedCertDir: mkdtempSync(path.join(os.tmpdir(), "relais-relay-tls-")),
    maxMessageBytes: 1024 * 1024,
    maxConnections: 300,
    maxConnectionsPerIp: 300,
    maxMessagesPerSession: 1000,
    socketTimeoutMs: 30_000,
    proxyProtocolFrom: [],
    ...overrides,
  };
}

export type TestRelay = RunningRelay & { port: (kind: "submission" | "tls" | "plain" | "legacy") => number };

/** A relay in this process, on this test file's database (through Prisma unless `sql` says otherwise). */
export async function startTestRelay(options: Partial<StartRelayOptions> = {}): Promise<TestRelay> {
  const relay = await startRelay({
    sql: prismaRelaySql(getDb),
    settings: testRelaySettings(),
    ...options,
  });
  return {
    ...relay,
    port: (kind) => {
      const listener =
        kind === "legacy"
          ? relay.listeners.find((l) => l.legacyTls)
          : relay.listeners.find((l) => l.kind === kind && !l.legacyTls);
      if (!listener) throw new Error(`no ${kind} listener`);
      return listener.boundPort;
    },
  };
}

/** A credential made as the command line makes it. */
export async function seedRelayCredential(
  tenantId: string,
  mailboxIds: string[],
  options: { name?: string; fromPolicy?: string; allowedNetworks?: string; dailyCap?: number } = {},
) {
  const input = createRelayCredentialSchema.parse({
    name: options.name ?? "Copieur salle des profs",
    mailboxIds,
    fromPolicy: options.fromPolicy ?? "as_sent",
    allowedNetworks: options.allowedNetworks ?? "",
    dailyCap: options.dailyCap ?? "",
  });
  return createRelayCredential({ ...cliActor, tenantId }, input);
}
