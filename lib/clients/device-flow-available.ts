import type { OAuthProviderKind } from "@/lib/db/generated/enums";

/**
 * Whether a mailbox of this configuration can connect with a device code.
 * Google refuses mail scopes in the device flow (invalid_scope) even though
 * its preset has a device endpoint; the platform's Microsoft application
 * has one that is not stored in the row.
 */
export function deviceFlowAvailable(configuration: {
  provider: OAuthProviderKind;
  deviceEndpoint: string | null;
}): boolean {
  if (configuration.provider === "google") return false;
  return configuration.provider === "platform_microsoft" || Boolean(configuration.deviceEndpoint);
}
