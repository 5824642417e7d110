import type { MessageKey } from "@/lib/i18n/catalog";
import type { ClientConfigInput } from "./client-config-schema";
import { checkClientConfig } from "./validate-client-config";
import { platformMicrosoftApplication } from "@/lib/platform/platform-application";
import type { ClientConfiguration } from "@/lib/db/generated/client";

type WarningSource = Pick<
  ClientConfiguration,
  | "name"
  | "provider"
  | "clientId"
  | "authorizationEndpoint"
  | "tokenEndpoint"
  | "deviceEndpoint"
  | "revocationEndpoint"
  | "scopes"
  | "defaultFlow"
  | "pkce"
  | "smtpHost"
  | "smtpPort"
  | "smtpSecurity"
  | "transport"
  | "apiBaseUrl"
  | "googleTesting"
  | "googleTestingDetectedAt"
>;

/** "Testing" publishing status, declared or detected, with the fix in words (Google only). */
function testingWarnings(row: WarningSource): MessageKey[] {
  if (row.provider !== "google") return [];
  if (row.googleTesting) return ["clients.warnings.googleTesting"];
  return row.googleTestingDetectedAt ? ["clients.warnings.googleTestingDetected"] : [];
}

/**
 * The warnings of a stored configuration, computed again from its row, so
 * that the list and the configuration page keep showing them after the save
 * (and follow rule changes in later versions).
 */
export function storedClientWarnings(row: WarningSource, hasSecret: boolean): MessageKey[] {
  let input: ClientConfigInput;
  let hasStoredSecret = hasSecret;
  if (row.provider === "platform_microsoft") {
    const platform = platformMicrosoftApplication();
    if (!platform) return ["clients.warnings.platformUnavailable"];
    hasStoredSecret = platform.clientSecret !== null;
    input = { ...commonInput(row), clientId: platform.clientId, ...platformEndpoints(platform) };
  } else {
    input = {
      ...commonInput(row),
      clientId: row.clientId,
      authorizationEndpoint: row.authorizationEndpoint,
      tokenEndpoint: row.tokenEndpoint,
      deviceEndpoint: row.deviceEndpoint ?? undefined,
      revocationEndpoint: row.revocationEndpoint ?? undefined,
    };
  }
  const { errors, warnings } = checkClientConfig(input, { hasStoredSecret });
  // A row saved under older rules may break a rule that is now an error: still worth a word.
  const errorKeys = Object.values(errors).filter((key): key is MessageKey => Boolean(key));
  return [...new Set([...testingWarnings(row), ...warnings, ...errorKeys])];
}

function commonInput(row: WarningSource) {
  return {
    name: row.name,
    provider: row.provider,
    clientSecret: undefined,
    scopes: row.scopes,
    defaultFlow: row.defaultFlow,
    pkce: row.pkce,
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    smtpSecurity: row.smtpSecurity,
    transport: row.transport,
    apiBaseUrl: row.apiBaseUrl ?? undefined,
  };
}

function platformEndpoints(platform: NonNullable<ReturnType<typeof platformMicrosoftApplication>>) {
  return {
    authorizationEndpoint: platform.authorizationEndpoint,
    tokenEndpoint: platform.tokenEndpoint,
    deviceEndpoint: platform.deviceEndpoint,
    revocationEndpoint: undefined,
  };
}
