import type { ClientConfiguration } from "@/lib/db/generated/client";
import { isMicrosoftKind } from "@/lib/oauth/presets";
import { platformMicrosoftApplication } from "@/lib/platform/platform-application";

/** The codes that say consent, or an administrator's consent, is missing (providers.md). */
const CONSENT_CODES = new Set(["consent_required", "AADSTS65001", "AADSTS90094", "65001", "90094"]);

export function isConsentMissingCode(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && CONSENT_CODES.has(code);
}

export interface AdminConsentLink {
  url: string;
  /** The platform's application (the operator's), rather than the school's own. */
  platform: boolean;
  /** The directory the link names: a tenant ID, or "organizations" when not known. */
  directory: string;
}

type ConsentSource = Pick<
  ClientConfiguration,
  "provider" | "clientId" | "authorizationEndpoint" | "microsoftDirectory"
>;

/** "common" and "organizations" name no organisation: the administrator's own sign-in decides. */
function directoryOf(directory: string | null | undefined): string {
  const value = directory?.trim().toLowerCase();
  return !value || value === "common" || value === "consumers" ? "organizations" : value;
}

/**
 * The authority before the directory in `…/{directory}/oauth2/v2.0/authorize`:
 * login.microsoftonline.com for the presets, a national cloud's host, or a
 * custom configuration's; null when the endpoint does not have that shape.
 */
function authorityOf(authorizationEndpoint: string): { authority: string; directory: string } | null {
  let url: URL;
  try {
    url = new URL(authorizationEndpoint);
  } catch {
    return null;
  }
  const segments = url.pathname.split("/").filter(Boolean);
  const at = segments.indexOf("oauth2");
  if (at < 1) return null;
  const prefix = segments.slice(0, at - 1).join("/");
  return { authority: `${url.origin}${prefix ? `/${prefix}` : ""}`, directory: segments[at - 1]! };
}

/**
 * Microsoft's admin-consent address for a configuration's application:
 * `https://login.microsoftonline.com/{directory}/adminconsent?client_id={id}`.
 * An administrator of the school's Microsoft 365 organisation who opens it
 * grants the application, for the whole organisation, the permissions it is
 * registered with. The directory is the configuration's own; "common" or
 * "organizations" become "organizations", where the administrator's own
 * sign-in says which organisation consents. No redirect_uri: Microsoft then
 * shows its own page once consent is given, and no registered address is
 * needed. Null for a Google configuration, or when the platform's
 * application is no longer configured.
 */
export function adminConsentLink(config: ConsentSource): AdminConsentLink | null {
  if (!isMicrosoftKind(config.provider)) return null;
  if (config.provider === "platform_microsoft") {
    const platform = platformMicrosoftApplication();
    if (!platform) return null;
    const parsed = authorityOf(platform.authorizationEndpoint);
    if (!parsed) return null;
    const directory = directoryOf(parsed.directory);
    return {
      url: `${parsed.authority}/${directory}/adminconsent?client_id=${encodeURIComponent(platform.clientId)}`,
      platform: true,
      directory,
    };
  }
  const parsed = authorityOf(config.authorizationEndpoint);
  if (!parsed || !config.clientId) return null;
  const directory = directoryOf(config.microsoftDirectory ?? parsed.directory);
  return {
    url: `${parsed.authority}/${directory}/adminconsent?client_id=${encodeURIComponent(config.clientId)}`,
    platform: false,
    directory,
  };
}
