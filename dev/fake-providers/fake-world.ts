import type { Server } from "node:http";
import type Provider from "oidc-provider";
import type { ApiSwitches } from "./api-switches";
import type { ClientRegistry } from "./client-registry";
import type { FakeClock } from "./fake-clock";
import type { FakeStats } from "./fake-stats";
import type { FakeStore } from "./fake-store";
import type { MailboxDirectory } from "./mailbox-directory";
import type { SendAsGrants } from "./send-as-grants";
import type { SmtpSwitches } from "./smtp-switches";
import type { TokenErrorFormatter } from "./token-error";
import type { FakeSettings, ProviderName, RecordedMessage } from "./types";

/** State shared by both fake providers and the SMTP server. */
export interface FakeWorld {
  clock: FakeClock;
  settings: FakeSettings;
  mailboxes: MailboxDirectory;
  clients: ClientRegistry;
  stats: FakeStats;
  smtp: SmtpSwitches;
  /** Switches and concurrency bookkeeping of the fake Graph and Gmail APIs. */
  api: ApiSwitches;
  /** Send As permissions (Microsoft) and send-as aliases (Google). */
  sendAs: SendAsGrants;
  messages: RecordedMessage[];
  /** Refresh requests for these addresses' tokens get this answer instead (failRefreshes). */
  refreshFailures: Map<string, RefreshFailureAnswer>;
}

/** A token endpoint answer to play for a mailbox's refreshes, e.g. an error Relais does not know. */
export interface RefreshFailureAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** What the token endpoint needs to know about how a code or device code was requested. */
export interface GrantSourceFlags {
  /** Google `access_type=offline`; Microsoft `offline_access` in the scope. */
  offline: boolean;
  /** `prompt=consent` was part of the authorization request. */
  forceConsent: boolean;
}

export interface ProviderPaths {
  authorization: string;
  token: string;
  deviceAuthorization: string;
  codeVerification: string;
  revocation?: string;
  jwks: string;
  userinfo: string;
}

export const GOOGLE_PATHS: ProviderPaths = {
  authorization: "/o/oauth2/v2/auth",
  token: "/token",
  deviceAuthorization: "/device/code",
  codeVerification: "/device",
  revocation: "/revoke",
  jwks: "/oauth2/v3/certs",
  userinfo: "/v1/userinfo",
};

export const MICROSOFT_PATHS: ProviderPaths = {
  authorization: "/oauth2/v2.0/authorize",
  token: "/oauth2/v2.0/token",
  deviceAuthorization: "/oauth2/v2.0/devicecode",
  codeVerification: "/devicelogin",
  jwks: "/discovery/v2.0/keys",
  userinfo: "/oidc/userinfo",
};

/** One fake OAuth server (Google-like or Microsoft-like): an oidc-provider with the quirks around it. */
export interface FakeOAuthServer {
  name: ProviderName;
  world: FakeWorld;
  baseUrl: string;
  paths: ProviderPaths;
  store: FakeStore;
  provider: Provider;
  http: Server;
  formatError: TokenErrorFormatter;
  sourceFlags: Map<string, GrantSourceFlags>;
  /** Google: account|client pairs that already hold an offline grant (no new refresh token without re-consent). */
  offlineGranted: Set<string>;
  /** Google: refresh tokens per account|client, oldest first (more than 100 and the oldest goes silently). */
  refreshTokensByPair: Map<string, string[]>;
  /** Device polling: last poll (simulated ms) and the interval in force for each device code. */
  devicePolls: Map<string, { last: number; interval: number }>;
}

export function pairKey(accountId: string | undefined, clientId: string | undefined): string {
  return `${accountId ?? ""}|${clientId ?? ""}`;
}
