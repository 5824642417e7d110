import { KeyringConfigError, loadKeyring } from "@/lib/crypto/keyring";
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
  try {
    assertOutboundSettingsSafeForProduction(env);
  } catch (error) {
    if (!(error instanceof UnsafeOutboundSettingsError)) throw error;
    problems.push(error.message);
  }
  return problems;
}
