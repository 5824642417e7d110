import type { Prisma } from "@/lib/db/generated/client";

/**
 * Every column but the ciphertext, whose presence is selected apart
 * (`clientSecretCipher: true`) and turned into `hasSecret` at once, so
 * that no result travelling further can carry it.
 */
export const clientConfigurationColumns = {
  id: true,
  name: true,
  provider: true,
  clientId: true,
  clientSecretHint: true,
  authorizationEndpoint: true,
  tokenEndpoint: true,
  deviceEndpoint: true,
  revocationEndpoint: true,
  scopes: true,
  defaultFlow: true,
  pkce: true,
  smtpHost: true,
  smtpPort: true,
  smtpSecurity: true,
  transport: true,
  apiBaseUrl: true,
  microsoftDirectory: true,
  keepAliveDays: true,
  googleTesting: true,
  googleTestingDetectedAt: true,
  clientSecretExpiresOn: true,
  clientSecretExpiredSeenAt: true,
  brokenAt: true,
  brokenReason: true,
  lastTestedAt: true,
  lastTestOutcome: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ClientConfigurationSelect;

/** Drops the ciphertext from a row, keeping only whether there is one. */
export function withoutCipher<T extends { clientSecretCipher: string | null }>(
  row: T,
): Omit<T, "clientSecretCipher"> & { hasSecret: boolean } {
  const { clientSecretCipher, ...rest } = row;
  return { ...rest, hasSecret: clientSecretCipher !== null };
}
