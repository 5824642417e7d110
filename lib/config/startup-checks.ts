import { KeyringConfigError, loadKeyring } from "@/lib/crypto/keyring";
import { parseTrustedProxies, TrustedProxiesError } from "@/lib/http/trusted-proxies";
import { canonicalTimeZone } from "@/lib/i18n/dates/time-zones";
import {
  assertOutboundSettingsSafeForProduction,
  UnsafeOutboundSettingsError,
} from "@/lib/net/outbound-settings";

type Env = Record<string, string | undefined>;

/**
 * Settings without which a production server must not start, each as a
 * sentence for the operator. Checked once at start rather than on the first
 * request that needs them, which might come days later.
 */
export function startupProblems(env: Env): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === "production";
  if (production && !env.NEXTAUTH_SECRET) {
    problems.push("NEXTAUTH_SECRET must be set (it signs session cookies): openssl rand -base64 32");
  }
  if (production || env.RELAIS_ENCRYPTION_KEYS || env.RELAIS_ENCRYPTION_KEY) {
    try {
      loadKeyring(env);
    } catch (error) {
      if (!(error instanceof KeyringConfigError)) throw error;
      problems.push(error.message);
    }
  }
  // Removed: it trusted the first X-Forwarded-For hop, which the client writes. Refused
  // rather than ignored, so that a proxied server is not left counting every client as the proxy.
  if (env.RELAIS_TRUST_PROXY?.trim()) {
    problems.push(
      "RELAIS_TRUST_PROXY is no longer read: remove it. Behind a reverse proxy, set RELAIS_TRUSTED_PROXIES " +
        "to the proxy's addresses instead (e.g. RELAIS_TRUSTED_PROXIES=10.0.0.5 or 10.0.0.0/24, ::1); see docs/client-address.md",
    );
  }
  // Removed: one number for every provider. Refused rather than ignored, so that an operator who
  // set it learns where the windows are now (docs/keep-alive.md).
  if (env.RELAIS_KEEPALIVE_DAYS?.trim()) {
    problems.push(
      "RELAIS_KEEPALIVE_DAYS is no longer read: remove it. Idle connections are renewed per provider " +
        "(Microsoft every 30 days, Google every 60 by default), and a configuration may set its own " +
        "window on its page; see docs/keep-alive.md",
    );
  }
  try {
    parseTrustedProxies(env.RELAIS_TRUSTED_PROXIES);
  } catch (error) {
    if (!(error instanceof TrustedProxiesError)) throw error;
    problems.push(error.message);
  }
  const timeZone = env.RELAIS_TIME_ZONE?.trim();
  if (timeZone && !canonicalTimeZone(timeZone)) {
    problems.push(
      `RELAIS_TIME_ZONE is not a time zone this server knows: ${timeZone}. Use an IANA name such as Europe/Paris or America/Toronto`,
    );
  }
  try {
    assertOutboundSettingsSafeForProduction(env);
  } catch (error) {
    if (!(error instanceof UnsafeOutboundSettingsError)) throw error;
    problems.push(error.message);
  }
  return problems;
}
