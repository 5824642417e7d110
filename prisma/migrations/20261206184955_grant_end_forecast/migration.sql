-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "grantEndsAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Mailbox_tenantId_grantEndsAt_address_idx" ON "Mailbox"("tenantId", "grantEndsAt", "address");

-- When a connection's authorization ends if nothing renews it, as lib/tokens/predict-grant-end.ts
-- says: without a refresh token, never known (null); otherwise the earlier of the end the provider
-- announced (refresh_token_expires_in) and, for Microsoft (its presets, or a token endpoint on
-- login.microsoftonline.com), 90 days after the last refresh (else the connection). Kept in a
-- column so that the mailbox table sorts and pages by it through an index, as by any other
-- column (docs/dashboards.md). tests/db/mailbox-grant-end.test.ts checks both agree.
CREATE FUNCTION "grant_ends_at"(
  provider "OAuthProviderKind",
  token_endpoint TEXT,
  has_refresh_token BOOLEAN,
  refresh_token_expires_at TIMESTAMP(3),
  last_refresh_at TIMESTAMP(3),
  connected_at TIMESTAMP(3)
) RETURNS TIMESTAMP(3) LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN has_refresh_token THEN LEAST(
    refresh_token_expires_at,
    CASE WHEN provider IN ('microsoft', 'platform_microsoft')
           OR substring(lower(token_endpoint) FROM '^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/:?#]+)')
              = 'login.microsoftonline.com'
         THEN COALESCE(last_refresh_at, connected_at) + INTERVAL '90 days' END) END
$$;

CREATE FUNCTION "mailbox_set_grant_ends_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT "grant_ends_at"(c.provider, c."tokenEndpoint", NEW."refreshTokenCipher" IS NOT NULL,
           NEW."refreshTokenExpiresAt", NEW."lastRefreshAt", NEW."connectedAt")
    INTO NEW."grantEndsAt"
    FROM "ClientConfiguration" c
   WHERE c.id = NEW."clientConfigurationId";
  RETURN NEW;
END
$$;

-- Only the columns the forecast reads: the worker's writes (lastUsedAt, pauses) do not run it.
CREATE TRIGGER "mailbox_grant_ends_at"
  BEFORE INSERT OR UPDATE OF "refreshTokenCipher", "refreshTokenExpiresAt", "lastRefreshAt", "connectedAt",
    "clientConfigurationId", "grantEndsAt"
  ON "Mailbox" FOR EACH ROW EXECUTE FUNCTION "mailbox_set_grant_ends_at"();

-- A configuration whose provider or token endpoint changes: its mailboxes' forecasts follow.
CREATE FUNCTION "client_configuration_refresh_grant_ends_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Mailbox" m
     SET "grantEndsAt" = "grant_ends_at"(NEW.provider, NEW."tokenEndpoint", m."refreshTokenCipher" IS NOT NULL,
           m."refreshTokenExpiresAt", m."lastRefreshAt", m."connectedAt")
   WHERE m."clientConfigurationId" = NEW.id AND m."refreshTokenCipher" IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "client_configuration_grant_ends_at"
  AFTER UPDATE OF provider, "tokenEndpoint" ON "ClientConfiguration"
  FOR EACH ROW
  WHEN (OLD.provider IS DISTINCT FROM NEW.provider OR OLD."tokenEndpoint" IS DISTINCT FROM NEW."tokenEndpoint")
  EXECUTE FUNCTION "client_configuration_refresh_grant_ends_at"();

-- The connections that exist already.
UPDATE "Mailbox" m
   SET "grantEndsAt" = "grant_ends_at"(c.provider, c."tokenEndpoint", TRUE, m."refreshTokenExpiresAt",
         m."lastRefreshAt", m."connectedAt")
  FROM "ClientConfiguration" c
 WHERE c.id = m."clientConfigurationId" AND m."refreshTokenCipher" IS NOT NULL;
