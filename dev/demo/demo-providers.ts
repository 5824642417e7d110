import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers/start-fake-providers";

/** Ports of the demo's local providers: Google-like, Microsoft-like, SMTP, and the demo inbox page. */
export function demoProviderPorts(env: Record<string, string | undefined> = process.env) {
  const base = Number(env.RELAIS_FAKE_PORT_BASE ?? 4010);
  if (!Number.isInteger(base) || base < 1024 || base > 65000) {
    throw new Error("RELAIS_FAKE_PORT_BASE must be a port number between 1024 and 65000");
  }
  return { google: base, microsoft: base + 1, smtp: base + 15, inbox: base + 20 };
}

export const demoClients = {
  google: { clientId: "relais-demo-google.apps.local", clientSecret: "demo-google-client-secret" },
  /** A public client: Microsoft allows no secret with PKCE. */
  microsoft: { clientId: "00000000-0000-4000-8000-00000000de70" },
} as const;

/**
 * The demo school's mailboxes: one per way of sending. `configuration` names
 * the demo configuration (seed-demo-mailboxes.ts); a shared mailbox names the
 * delegate who connects for it, and the fake Microsoft grants that delegate
 * Send As on it.
 */
export const demoMailboxes = [
  {
    address: "vie-scolaire@ecole-demo.test",
    displayName: "Vie scolaire",
    configuration: "google",
    delegate: null,
  },
  {
    address: "direction@ecole-demo.test",
    displayName: "Direction",
    configuration: "microsoft",
    delegate: null,
  },
  {
    address: "intendance@ecole-demo.test",
    displayName: "Intendance",
    configuration: "graph",
    delegate: null,
  },
  {
    address: "secretariat@ecole-demo.test",
    displayName: "Secrétariat",
    configuration: "graph",
    delegate: "direction@ecole-demo.test",
  },
] as const;

const providerOf = (configuration: string) => (configuration === "google" ? "google" : "microsoft");

/**
 * Starts the local Google-like and Microsoft-like providers (with their Graph
 * and Gmail API endpoints) and SMTP server that the demo school's
 * configurations point at, so that a mailbox can be
 * connected and a mail sent without internet. Any address may sign in at
 * them; the portal still checks that it is the mailbox's own.
 */
export async function startDemoProviders(portalUrl: string): Promise<FakeProvidersHandle> {
  const ports = demoProviderPorts();
  const redirectUris = [`${portalUrl}/api/oauth/callback`];
  const providers = await startFakeProviders({
    ports: { google: ports.google, microsoft: ports.microsoft, smtp: ports.smtp },
    acceptAnyAccount: true,
    mailboxes: demoMailboxes.map(({ address, configuration }) => ({
      email: address,
      provider: providerOf(configuration),
    })),
    clients: [
      { provider: "google", ...demoClients.google, redirectUris, name: "Relais (demo)" },
      { provider: "microsoft", ...demoClients.microsoft, redirectUris, name: "Relais (demo)" },
    ],
  });
  for (const { address, delegate } of demoMailboxes)
    if (delegate) providers.control.grantSendAs(delegate, address);
  return providers;
}
