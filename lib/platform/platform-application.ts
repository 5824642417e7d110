import { isMicrosoftDirectory } from "@/lib/oauth/presets";

type Env = Record<string, string | undefined>;

/**
 * The platform's own Microsoft application, registered once by the operator so
 * that schools can skip registering their own (the seed document's
 * "application predefined by the vendor"). Read from the environment:
 *
 *   RELAIS_PLATFORM_MICROSOFT_CLIENT_ID      unset: the option is not offered
 *   RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET  optional (public client without it)
 *   RELAIS_PLATFORM_MICROSOFT_DIRECTORY      default "organizations"
 *   RELAIS_PLATFORM_MICROSOFT_AUTHORITY      default https://login.microsoftonline.com
 *
 * The secret never leaves this module except through resolveClientCredentials,
 * for the token requests themselves.
 */
export interface PlatformMicrosoftApplication {
  clientId: string;
  clientSecret: string | null;
  directory: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  deviceEndpoint: string;
}

/** What a page may know about the platform application: never its secret. */
export interface PlatformApplicationSummary {
  offered: boolean;
  directory: string | null;
}

export class PlatformApplicationConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlatformApplicationConfigError";
  }
}

export const DEFAULT_PLATFORM_AUTHORITY = "https://login.microsoftonline.com";

function authorityOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PlatformApplicationConfigError("RELAIS_PLATFORM_MICROSOFT_AUTHORITY is not a URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new PlatformApplicationConfigError("RELAIS_PLATFORM_MICROSOFT_AUTHORITY must start with https://.");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** The configured application, or null when the operator has not set one up. */
export function platformMicrosoftApplication(env: Env = process.env): PlatformMicrosoftApplication | null {
  const clientId = env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID?.trim();
  if (!clientId) return null;
  const directory = (env.RELAIS_PLATFORM_MICROSOFT_DIRECTORY?.trim() || "organizations").toLowerCase();
  if (!isMicrosoftDirectory(directory)) {
    throw new PlatformApplicationConfigError(
      "RELAIS_PLATFORM_MICROSOFT_DIRECTORY must be a directory (tenant) ID, organizations or common.",
    );
  }
  const authority = authorityOf(
    env.RELAIS_PLATFORM_MICROSOFT_AUTHORITY?.trim() || DEFAULT_PLATFORM_AUTHORITY,
  );
  const base = `${authority}/${directory}/oauth2/v2.0`;
  // Not trimmed beyond blank: a secret is used exactly as configured.
  const secret = env.RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET;
  return {
    clientId,
    clientSecret: secret && secret.trim() !== "" ? secret : null,
    directory,
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    deviceEndpoint: `${base}/devicecode`,
  };
}

export function platformApplicationSummary(env: Env = process.env): PlatformApplicationSummary {
  const application = platformMicrosoftApplication(env);
  return { offered: application !== null, directory: application?.directory ?? null };
}
