import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SMTPServer } from "smtp-server";
import { ApiSwitches } from "./api-switches";
import { ClientRegistry } from "./client-registry";
import { controlEndpoint } from "./control-endpoint";
import { FakeClock } from "./fake-clock";
import { createControl, type FakeProvidersControl } from "./fake-control";
import {
  googleEndpoints,
  microsoftEndpoints,
  type GoogleFakeEndpoints,
  type MicrosoftFakeEndpoints,
} from "./fake-endpoints";
import { createFakeSmtpServer } from "./fake-smtp-server";
import { gmailApi } from "./gmail-api";
import { graphApi } from "./graph-api";
import { FakeStats } from "./fake-stats";
import type { FakeOAuthServer, FakeWorld } from "./fake-world";
import { MailboxDirectory } from "./mailbox-directory";
import { SendAsGrants } from "./send-as-grants";
import { SmtpSwitches } from "./smtp-switches";
import { startFakeOAuthServer } from "./start-fake-oauth-server";
import type { FakeProvidersOptions } from "./types";

export interface FakeSmtpEndpoint {
  host: "127.0.0.1";
  port: number;
  /** Plain SMTP: no implicit TLS, no STARTTLS offered (loopback only). */
  secure: false;
}

export interface FakeProvidersHandle {
  google: GoogleFakeEndpoints;
  microsoft: MicrosoftFakeEndpoints;
  smtp: FakeSmtpEndpoint;
  control: FakeProvidersControl;
  close(): Promise<void>;
}

function createWorld(options: FakeProvidersOptions): FakeWorld {
  const world: FakeWorld = {
    clock: new FakeClock(),
    settings: {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      googleTestingPublishingStatus: options.googleTestingPublishingStatus ?? false,
      acceptAnyAccount: options.acceptAnyAccount ?? false,
      strictRotation: options.strictRotation ?? false,
      deviceIntervalSeconds: options.deviceIntervalSeconds ?? 5,
    },
    mailboxes: new MailboxDirectory(),
    clients: new ClientRegistry(),
    stats: new FakeStats(),
    smtp: new SmtpSwitches(),
    api: new ApiSwitches(),
    sendAs: new SendAsGrants(),
    messages: [],
    refreshFailures: new Map(),
  };
  for (const { email, provider } of options.mailboxes ?? []) world.mailboxes.add(email, provider);
  for (const client of options.clients ?? []) world.clients.register(client);
  return world;
}

async function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function listenSmtp(smtp: SMTPServer, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(port, "127.0.0.1", () => resolve());
  });
  return (smtp.server.address() as AddressInfo).port;
}

/**
 * Starts a Google-like and a Microsoft-like OAuth server and an SMTP server (XOAUTH2) on
 * 127.0.0.1: real servers behaving like the real providers, quirks included. See
 * docs/fake-providers.md.
 */
export async function startFakeProviders(options: FakeProvidersOptions = {}): Promise<FakeProvidersHandle> {
  const world = createWorld(options);
  const servers: FakeOAuthServer[] = [];
  let smtp: SMTPServer | undefined;
  const close = async () => {
    await Promise.all(servers.map((server) => closeHttp(server.http)));
    if (smtp) await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  };
  try {
    servers.push(await startFakeOAuthServer("google", world, options.ports?.google ?? 0));
    servers.push(await startFakeOAuthServer("microsoft", world, options.ports?.microsoft ?? 0));
    const control = createControl(world, servers);
    for (const server of servers) {
      server.provider.use(controlEndpoint(control));
      server.provider.use(server.name === "google" ? gmailApi(server) : graphApi(server));
      server.http.on("request", server.provider.callback());
    }
    smtp = createFakeSmtpServer(world, servers);
    const smtpPort = await listenSmtp(smtp, options.ports?.smtp ?? 0);
    const [google, microsoft] = servers as [FakeOAuthServer, FakeOAuthServer];
    return {
      google: googleEndpoints(google),
      microsoft: microsoftEndpoints(microsoft),
      smtp: { host: "127.0.0.1", port: smtpPort, secure: false },
      control,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
