-- The last child rows that named a parent by its id alone (docs/tenant-scoping.md): an OAuth or device
-- authorization's client configuration and connect link, and a mailbox's per-hour sending counts, now name it
-- by (tenantId, id). As in 20261207001536_composite_tenant_keys, authorizations that point at another school's
-- row, or at none, are reported and the migration stops before changing anything.
DO $$
DECLARE
  r record;
  found bigint;
  sample text;
  problems text := '';
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('OAuthAuthorization.clientConfigurationId -> ClientConfiguration', 'SELECT c.id::text FROM "OAuthAuthorization" c WHERE NOT EXISTS (SELECT 1 FROM "ClientConfiguration" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."clientConfigurationId")', 'delete these authorizations (they expire within minutes)'),
    ('OAuthAuthorization.connectLinkId -> ConnectLink', 'SELECT c.id::text FROM "OAuthAuthorization" c WHERE c."connectLinkId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ConnectLink" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."connectLinkId")', 'delete these authorizations (they expire within minutes)'),
    ('DeviceAuthorization.clientConfigurationId -> ClientConfiguration', 'SELECT c.id::text FROM "DeviceAuthorization" c WHERE NOT EXISTS (SELECT 1 FROM "ClientConfiguration" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."clientConfigurationId")', 'delete these authorizations'),
    ('DeviceAuthorization.connectLinkId -> ConnectLink', 'SELECT c.id::text FROM "DeviceAuthorization" c WHERE c."connectLinkId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ConnectLink" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."connectLinkId")', 'delete these authorizations')
  ) AS v(relation, probe, fix)
  LOOP
    EXECUTE format('SELECT count(*), string_agg(label, '', '') FILTER (WHERE n <= 5) FROM (SELECT label, row_number() OVER () AS n FROM (%s) AS probe(label)) AS numbered', r.probe)
      INTO found, sample;
    IF found > 0 THEN
      problems := problems || format(E'\n  %s: %s row(s) whose school differs from the row they point at (first: %s); fix: %s.', r.relation, found, sample, r.fix);
    END IF;
  END LOOP;
  IF problems <> '' THEN
    RAISE EXCEPTION 'Rows that point at another school''s rows, or at none:%', problems
      USING HINT = 'Fix or delete them (each line says how), then migrate again.';
  END IF;
END $$;

-- The per-hour counts are derived from the mail (a trigger keeps them, the worker prunes them): those of a
-- deleted mailbox, which nothing removed until now, are dropped rather than reported.
DELETE FROM "MailboxSendingHour" h
 WHERE NOT EXISTS (SELECT 1 FROM "Mailbox" m WHERE m."tenantId" = h."tenantId" AND m.id = h."mailboxId");

-- Deleting a mailbox deletes its mail and its counts together: the counts' trigger must not write negative
-- counts back for a mailbox that is gone (the new key would refuse them, and they would count nothing).
CREATE OR REPLACE FUNCTION "outbox_count_sending_hours"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MailboxSendingHour" AS h ("tenantId", "mailboxId", "hour", "messages", "recipients")
    SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt"), count(*), sum("recipientCount")
      FROM new_rows
     WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL
     GROUP BY 1, 2, 3
     ORDER BY 2, 3
    ON CONFLICT ("mailboxId", "hour") DO UPDATE
       SET "messages" = h."messages" + EXCLUDED."messages", "recipients" = h."recipients" + EXCLUDED."recipients";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MailboxSendingHour" AS h ("tenantId", "mailboxId", "hour", "messages", "recipients")
    SELECT o."tenantId", o."mailboxId", date_trunc('hour', o."sentAt"), -count(*), -sum(o."recipientCount")
      FROM old_rows o
     WHERE o.status IN ('sent', 'sending') AND o."sentAt" IS NOT NULL
       AND EXISTS (SELECT 1 FROM "Mailbox" m WHERE m."tenantId" = o."tenantId" AND m.id = o."mailboxId")
     GROUP BY 1, 2, 3
     ORDER BY 2, 3
    ON CONFLICT ("mailboxId", "hour") DO UPDATE
       SET "messages" = h."messages" + EXCLUDED."messages", "recipients" = h."recipients" + EXCLUDED."recipients";
  ELSE
    INSERT INTO "MailboxSendingHour" AS h ("tenantId", "mailboxId", "hour", "messages", "recipients")
    SELECT "tenantId", "mailboxId", hour, sum(messages), sum(recipients)
      FROM (SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt") AS hour, 1 AS messages,
                   "recipientCount" AS recipients
              FROM new_rows
             WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL
            UNION ALL
            SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt"), -1, -"recipientCount"
              FROM old_rows
             WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL) AS changes
     GROUP BY 1, 2, 3
    HAVING sum(messages) <> 0 OR sum(recipients) <> 0
     ORDER BY 2, 3
    ON CONFLICT ("mailboxId", "hour") DO UPDATE
       SET "messages" = h."messages" + EXCLUDED."messages", "recipients" = h."recipients" + EXCLUDED."recipients";
  END IF;
  RETURN NULL;
END
$$;

-- CreateIndex
CREATE UNIQUE INDEX "ConnectLink_tenantId_id_key" ON "ConnectLink"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "OAuthAuthorization" ADD CONSTRAINT "OAuthAuthorization_tenantId_clientConfigurationId_fkey" FOREIGN KEY ("tenantId", "clientConfigurationId") REFERENCES "ClientConfiguration"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthAuthorization" ADD CONSTRAINT "OAuthAuthorization_tenantId_connectLinkId_fkey" FOREIGN KEY ("tenantId", "connectLinkId") REFERENCES "ConnectLink"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceAuthorization" ADD CONSTRAINT "DeviceAuthorization_tenantId_clientConfigurationId_fkey" FOREIGN KEY ("tenantId", "clientConfigurationId") REFERENCES "ClientConfiguration"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceAuthorization" ADD CONSTRAINT "DeviceAuthorization_tenantId_connectLinkId_fkey" FOREIGN KEY ("tenantId", "connectLinkId") REFERENCES "ConnectLink"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailboxSendingHour" ADD CONSTRAINT "MailboxSendingHour_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
