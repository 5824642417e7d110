-- Google ends a refresh token unused for six months (providers.md): its connections now get
-- that forecast too, 183 days after the last refresh (or the grant), like Microsoft's 90 days.
-- The keep-alive renews idle Google connections every 60 days, so this date moves long before
-- it nears; it shows when renewal has stopped working.
CREATE OR REPLACE FUNCTION "grant_ends_at"(
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
      CASE
        WHEN provider IN ('microsoft', 'platform_microsoft')
          OR substring(lower(token_endpoint) FROM '^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/:?#]+)')
             = 'login.microsoftonline.com'
          THEN COALESCE(last_refresh_at, connected_at) + INTERVAL '90 days'
        WHEN provider = 'google'
          OR substring(lower(token_endpoint) FROM '^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/:?#]+)')
             = 'oauth2.googleapis.com'
          THEN COALESCE(last_refresh_at, connected_at) + INTERVAL '183 days'
      END)
  END
$$;

-- Recompute the stored forecasts: writing the column runs the row trigger, which ignores the value written.
UPDATE "Mailbox" SET "grantEndsAt" = NULL WHERE "refreshTokenCipher" IS NOT NULL;
