-- CreateEnum
CREATE TYPE "ProviderRevocationOutcome" AS ENUM ('pending', 'refused', 'unconfirmed', 'no_endpoint');

-- AlterTable
ALTER TABLE "ClientConfiguration" ADD COLUMN     "googleTesting" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "googleTestingClearedAt" TIMESTAMP(3),
ADD COLUMN     "googleTestingDetectedAt" TIMESTAMP(3),
ADD COLUMN     "keepAliveDays" INTEGER;

-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "providerRevocation" "ProviderRevocationOutcome",
ADD COLUMN     "providerRevocationCode" TEXT,
ADD COLUMN     "unknownErrorSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PendingRevocation" ADD COLUMN     "clientConfigurationId" UUID,
ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "tokenTypeHint" TEXT NOT NULL DEFAULT 'refresh_token';

-- Pending revocations made before this migration: the configuration and client of their mailbox,
-- when it still exists (docs/revocation.md); the others are asked without client authentication,
-- as they were.
UPDATE "PendingRevocation" p
   SET "clientConfigurationId" = c.id, "clientId" = c."clientId"
  FROM "Mailbox" m JOIN "ClientConfiguration" c ON c.id = m."clientConfigurationId" AND c."tenantId" = m."tenantId"
 WHERE m.id = p."mailboxId" AND m."tenantId" = p."tenantId";

-- The forecast end of a connection (Mailbox.grantEndsAt), the one place its rule lives
-- (docs/mailboxes.md, "Until when"): without a refresh token, never known (null). A Google
-- configuration in "Testing" publishing status (declared or detected): 7 days after the grant
-- (connectedAt), whatever else was announced. Otherwise the earlier of the end the provider announced
-- (refresh_token_expires_in) and, for Microsoft (its presets, or a token endpoint on
-- login.microsoftonline.com), 90 days after the last refresh (else the connection).
-- lib/tokens/stored-grant-end.ts names the reason from the same dates.
CREATE FUNCTION "grant_ends_at"(
  provider "OAuthProviderKind",
  token_endpoint TEXT,
  google_testing BOOLEAN,
  has_refresh_token BOOLEAN,
  refresh_token_expires_at TIMESTAMP(3),
  last_refresh_at TIMESTAMP(3),
  connected_at TIMESTAMP(3)
) RETURNS TIMESTAMP(3) LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN NOT has_refresh_token THEN NULL
    WHEN google_testing AND provider = 'google' AND connected_at IS NOT NULL
      THEN connected_at + INTERVAL '7 days'
    ELSE LEAST(
      refresh_token_expires_at,
      CASE WHEN provider IN ('microsoft', 'platform_microsoft')
             OR substring(lower(token_endpoint) FROM '^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/:?#]+)')
                = 'login.microsoftonline.com'
           THEN COALESCE(last_refresh_at, connected_at) + INTERVAL '90 days' END)
  END
$$;

CREATE OR REPLACE FUNCTION "mailbox_set_grant_ends_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT "grant_ends_at"(c.provider, c."tokenEndpoint", c."googleTesting" OR c."googleTestingDetectedAt" IS NOT NULL,
           NEW."refreshTokenCipher" IS NOT NULL, NEW."refreshTokenExpiresAt", NEW."lastRefreshAt", NEW."connectedAt")
    INTO NEW."grantEndsAt"
    FROM "ClientConfiguration" c
   WHERE c.id = NEW."clientConfigurationId";
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION "client_configuration_refresh_grant_ends_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Mailbox" m
     SET "grantEndsAt" = "grant_ends_at"(NEW.provider, NEW."tokenEndpoint",
           NEW."googleTesting" OR NEW."googleTestingDetectedAt" IS NOT NULL, m."refreshTokenCipher" IS NOT NULL,
           m."refreshTokenExpiresAt", m."lastRefreshAt", m."connectedAt")
   WHERE m."clientConfigurationId" = NEW.id AND m."refreshTokenCipher" IS NOT NULL;
  RETURN NULL;
END
$$;

-- A configuration whose provider, token endpoint or "Testing" status changes: its mailboxes' forecasts follow.
DROP TRIGGER "client_configuration_grant_ends_at" ON "ClientConfiguration";
CREATE TRIGGER "client_configuration_grant_ends_at"
  AFTER UPDATE OF provider, "tokenEndpoint", "googleTesting", "googleTestingDetectedAt" ON "ClientConfiguration"
  FOR EACH ROW
  WHEN (OLD.provider IS DISTINCT FROM NEW.provider OR OLD."tokenEndpoint" IS DISTINCT FROM NEW."tokenEndpoint"
        OR OLD."googleTesting" IS DISTINCT FROM NEW."googleTesting"
        OR OLD."googleTestingDetectedAt" IS DISTINCT FROM NEW."googleTestingDetectedAt")
  EXECUTE FUNCTION "client_configuration_refresh_grant_ends_at"();

DROP FUNCTION "grant_ends_at"("OAuthProviderKind", TEXT, BOOLEAN, TIMESTAMP(3), TIMESTAMP(3), TIMESTAMP(3));
