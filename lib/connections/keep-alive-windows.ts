import { isMicrosoftKind, MICROSOFT_LOGIN_HOST, type ProviderKind } from "@/lib/oauth/presets";

/** Whose refresh-token rules a configuration follows, for its keep-alive window. */
export type KeepAliveFamily = "microsoft" | "google" | "other";

export interface KeepAliveWindow {
  /** Days without a refresh after which a connection is refreshed in the background, by default. */
  defaultDays: number;
  /** The longest a configuration may set: well inside the provider's limit, with days to spare for the batches. */
  maxDays: number;
}

/**
 * Per provider (docs/keep-alive.md): Microsoft drops a refresh token unused
 * for 90 days, Google one unused for six months. A provider Relais does not
 * know gets Microsoft's, the shortest known.
 */
export const KEEP_ALIVE_WINDOWS: Readonly<Record<KeepAliveFamily, KeepAliveWindow>> = Object.freeze({
  microsoft: { defaultDays: 30, maxDays: 80 },
  google: { defaultDays: 60, maxDays: 150 },
  other: { defaultDays: 30, maxDays: 80 },
});
export const KEEP_ALIVE_MIN_DAYS = 1;

const GOOGLE_TOKEN_HOSTS = new Set(["oauth2.googleapis.com", "accounts.google.com", "www.googleapis.com"]);

function tokenHost(tokenEndpoint: string): string | null {
  try {
    return new URL(tokenEndpoint).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** The presets by kind; a custom configuration by its token endpoint's host. */
export function keepAliveFamily(config: { provider: ProviderKind; tokenEndpoint: string }): KeepAliveFamily {
  if (isMicrosoftKind(config.provider)) return "microsoft";
  if (config.provider === "google") return "google";
  const host = tokenHost(config.tokenEndpoint);
  if (host === MICROSOFT_LOGIN_HOST) return "microsoft";
  return host && GOOGLE_TOKEN_HOSTS.has(host) ? "google" : "other";
}

/**
 * The keep-alive window of a configuration: its own setting (keepAliveDays),
 * held within its provider's bounds even if a row says otherwise, else the
 * provider's default.
 */
export function keepAliveWindowDays(config: {
  provider: ProviderKind;
  tokenEndpoint: string;
  keepAliveDays: number | null;
}): number {
  const window = KEEP_ALIVE_WINDOWS[keepAliveFamily(config)];
  if (config.keepAliveDays === null) return window.defaultDays;
  return Math.min(window.maxDays, Math.max(KEEP_ALIVE_MIN_DAYS, Math.trunc(config.keepAliveDays)));
}
