import type { ClientConfiguration } from "@/lib/db/generated/client";
import { deriveDeviceEndpoint } from "@/lib/oauth/endpoint-url";
import { platformMicrosoftApplication } from "@/lib/platform/platform-application";
import { decryptClientSecret } from "./decrypt-client-secret";
import { PlatformUnavailableError } from "./client-errors";

export interface ClientCredentials {
  clientId: string;
  /** In clear: for the request body or header only, never for a log, an error or a page. */
  clientSecret: string | null;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  deviceEndpoint: string | null;
  revocationEndpoint: string | null;
  usesPlatformApplication: boolean;
}

type CredentialSource = Pick<
  ClientConfiguration,
  | "id"
  | "provider"
  | "clientId"
  | "clientSecretCipher"
  | "authorizationEndpoint"
  | "tokenEndpoint"
  | "deviceEndpoint"
  | "revocationEndpoint"
>;

/**
 * What the authorization, device and refresh flows send to the provider:
 * the tenant's own client ID, decrypted secret and endpoints, or for
 * `platform_microsoft` the operator's application from the environment.
 * The caller has loaded the row within its tenant.
 */
export function resolveClientCredentials(config: CredentialSource): ClientCredentials {
  if (config.provider === "platform_microsoft") {
    const platform = platformMicrosoftApplication();
    if (!platform) throw new PlatformUnavailableError();
    return {
      clientId: platform.clientId,
      clientSecret: platform.clientSecret,
      authorizationEndpoint: platform.authorizationEndpoint,
      tokenEndpoint: platform.tokenEndpoint,
      deviceEndpoint: platform.deviceEndpoint,
      revocationEndpoint: null,
      usesPlatformApplication: true,
    };
  }
  return {
    clientId: config.clientId,
    clientSecret:
      config.clientSecretCipher === null ? null : decryptClientSecret(config.id, config.clientSecretCipher),
    authorizationEndpoint: config.authorizationEndpoint,
    tokenEndpoint: config.tokenEndpoint,
    deviceEndpoint: config.deviceEndpoint ?? deriveDeviceEndpoint(config.authorizationEndpoint),
    revocationEndpoint: config.revocationEndpoint,
    usesPlatformApplication: false,
  };
}
