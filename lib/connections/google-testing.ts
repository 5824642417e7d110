/**
 * A Google application in "Testing" publishing status: Google ends its refresh
 * tokens this many days after the grant, used or not (providers.md). The
 * forecast's SQL (Mailbox.grantEndsAt, migration 20261206214151) says the same.
 */
export const GOOGLE_TESTING_LIFETIME_DAYS = 7;

type TestingColumns = {
  provider: string;
  googleTesting: boolean;
  googleTestingDetectedAt: Date | null;
};

/** Declared by the admin or detected by Relais; Google configurations only. */
export function inGoogleTesting(config: TestingColumns): boolean {
  return config.provider === "google" && (config.googleTesting || config.googleTestingDetectedAt !== null);
}
