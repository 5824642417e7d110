-- Composite tenant keys (docs/tenant-scoping.md): a child row now names its parent by (tenantId, id), so
-- that the database itself refuses a row pointing at another school's. Rows that already do (or that point at
-- nothing) are reported, relation by relation with a count, the first ids and the fix, and the migration stops
-- before changing anything, rather than failing on a constraint with no word of which rows.
DO $$
DECLARE
  r record;
  found bigint;
  sample text;
  problems text := '';
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('Mailbox.clientConfigurationId -> ClientConfiguration', 'SELECT c.id::text FROM "Mailbox" c WHERE NOT EXISTS (SELECT 1 FROM "ClientConfiguration" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."clientConfigurationId")', 'point each mailbox at a configuration of its own school'),
    ('MailboxAssignment.mailboxId -> Mailbox', 'SELECT c."mailboxId"::text || ''/'' || c."userId"::text FROM "MailboxAssignment" c WHERE NOT EXISTS (SELECT 1 FROM "Mailbox" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailboxId")', 'delete these assignments'),
    ('OAuthAuthorization.mailboxId -> Mailbox', 'SELECT c.id::text FROM "OAuthAuthorization" c WHERE NOT EXISTS (SELECT 1 FROM "Mailbox" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailboxId")', 'delete these authorizations (they expire within minutes)'),
    ('DeviceAuthorization.mailboxId -> Mailbox', 'SELECT c.id::text FROM "DeviceAuthorization" c WHERE NOT EXISTS (SELECT 1 FROM "Mailbox" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailboxId")', 'delete these authorizations'),
    ('ConnectLink.mailboxId -> Mailbox', 'SELECT c.id::text FROM "ConnectLink" c WHERE NOT EXISTS (SELECT 1 FROM "Mailbox" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailboxId")', 'delete these links'),
    ('ClientSecretReminder.clientConfigurationId -> ClientConfiguration', 'SELECT c."clientConfigurationId"::text FROM "ClientSecretReminder" c WHERE NOT EXISTS (SELECT 1 FROM "ClientConfiguration" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."clientConfigurationId")', 'delete these reminders'),
    ('OutgoingMail.mailboxId -> Mailbox', 'SELECT c.id::text FROM "OutgoingMail" c WHERE NOT EXISTS (SELECT 1 FROM "Mailbox" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailboxId")', 'set each mail''s tenantId to its mailbox''s school, or delete the mail'),
    ('OutgoingMail.apiKeyId -> ApiKey', 'SELECT c.id::text FROM "OutgoingMail" c WHERE NOT EXISTS (SELECT 1 FROM "ApiKey" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."apiKeyId") AND c."apiKeyId" IS NOT NULL', 'set apiKeyId to null on these mails'),
    ('OutgoingAttachment.mailId -> OutgoingMail', 'SELECT c.id::text FROM "OutgoingAttachment" c WHERE NOT EXISTS (SELECT 1 FROM "OutgoingMail" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailId")', 'set each attachment''s tenantId to its mail''s school'),
    ('DeliveryAttempt.mailId -> OutgoingMail', 'SELECT c.id::text FROM "DeliveryAttempt" c WHERE NOT EXISTS (SELECT 1 FROM "OutgoingMail" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailId")', 'set each attempt''s tenantId to its mail''s school'),
    ('ApiKeyMailbox.apiKeyId -> ApiKey', 'SELECT c."apiKeyId"::text || ''/'' || c."mailboxId"::text FROM "ApiKeyMailbox" c WHERE NOT EXISTS (SELECT 1 FROM "ApiKey" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."apiKeyId")', 'delete these key-mailbox rows'),
    ('ApiKeyMailbox.mailboxId -> Mailbox', 'SELECT c."apiKeyId"::text || ''/'' || c."mailboxId"::text FROM "ApiKeyMailbox" c WHERE NOT EXISTS (SELECT 1 FROM "Mailbox" p WHERE p."tenantId" = c."tenantId" AND p."id" = c."mailboxId")', 'delete these key-mailbox rows'),
    ('MigrationSender.tenantId -> Tenant', 'SELECT c."tenantId"::text || ''/'' || c.address FROM "MigrationSender" c WHERE NOT EXISTS (SELECT 1 FROM "Tenant" t WHERE t.id = c."tenantId")', 'delete these rows (their school is gone)')
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

-- Until now removing a member left their mailbox assignments behind (every reader ignored them, as the person
-- was no longer a member). An assignment now needs the person's membership of the same school: such leftovers
-- are deleted, they give no one anything.
DELETE FROM "MailboxAssignment" a
 WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."tenantId" = a."tenantId" AND m."userId" = a."userId");

-- DropForeignKey
ALTER TABLE "ApiKeyMailbox" DROP CONSTRAINT "ApiKeyMailbox_apiKeyId_fkey";

-- DropForeignKey
ALTER TABLE "ApiKeyMailbox" DROP CONSTRAINT "ApiKeyMailbox_mailboxId_fkey";

-- DropForeignKey
ALTER TABLE "ClientSecretReminder" DROP CONSTRAINT "ClientSecretReminder_clientConfigurationId_fkey";

-- DropForeignKey
ALTER TABLE "ConnectLink" DROP CONSTRAINT "ConnectLink_mailboxId_fkey";

-- DropForeignKey
ALTER TABLE "DeliveryAttempt" DROP CONSTRAINT "DeliveryAttempt_mailId_fkey";

-- DropForeignKey
ALTER TABLE "DeviceAuthorization" DROP CONSTRAINT "DeviceAuthorization_mailboxId_fkey";

-- DropForeignKey
ALTER TABLE "Mailbox" DROP CONSTRAINT "Mailbox_clientConfigurationId_fkey";

-- DropForeignKey
ALTER TABLE "MailboxAssignment" DROP CONSTRAINT "MailboxAssignment_mailboxId_fkey";

-- DropForeignKey
ALTER TABLE "OAuthAuthorization" DROP CONSTRAINT "OAuthAuthorization_mailboxId_fkey";

-- DropForeignKey
ALTER TABLE "OutgoingAttachment" DROP CONSTRAINT "OutgoingAttachment_mailId_fkey";

-- DropForeignKey
ALTER TABLE "OutgoingMail" DROP CONSTRAINT "OutgoingMail_mailboxId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_tenantId_id_key" ON "ApiKey"("tenantId", "id");

-- CreateIndex
CREATE INDEX "ApiKeyMailbox_tenantId_mailboxId_idx" ON "ApiKeyMailbox"("tenantId", "mailboxId");

-- CreateIndex
CREATE UNIQUE INDEX "ClientConfiguration_tenantId_id_key" ON "ClientConfiguration"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OutgoingMail_tenantId_id_key" ON "OutgoingMail"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "Mailbox" ADD CONSTRAINT "Mailbox_tenantId_clientConfigurationId_fkey" FOREIGN KEY ("tenantId", "clientConfigurationId") REFERENCES "ClientConfiguration"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailboxAssignment" ADD CONSTRAINT "MailboxAssignment_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailboxAssignment" ADD CONSTRAINT "MailboxAssignment_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "Membership"("tenantId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthAuthorization" ADD CONSTRAINT "OAuthAuthorization_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceAuthorization" ADD CONSTRAINT "DeviceAuthorization_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectLink" ADD CONSTRAINT "ConnectLink_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientSecretReminder" ADD CONSTRAINT "ClientSecretReminder_tenantId_clientConfigurationId_fkey" FOREIGN KEY ("tenantId", "clientConfigurationId") REFERENCES "ClientConfiguration"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutgoingMail" ADD CONSTRAINT "OutgoingMail_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutgoingMail" ADD CONSTRAINT "OutgoingMail_tenantId_apiKeyId_fkey" FOREIGN KEY ("tenantId", "apiKeyId") REFERENCES "ApiKey"("tenantId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "OutgoingAttachment" ADD CONSTRAINT "OutgoingAttachment_tenantId_mailId_fkey" FOREIGN KEY ("tenantId", "mailId") REFERENCES "OutgoingMail"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_tenantId_mailId_fkey" FOREIGN KEY ("tenantId", "mailId") REFERENCES "OutgoingMail"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyMailbox" ADD CONSTRAINT "ApiKeyMailbox_tenantId_apiKeyId_fkey" FOREIGN KEY ("tenantId", "apiKeyId") REFERENCES "ApiKey"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyMailbox" ADD CONSTRAINT "ApiKeyMailbox_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationSender" ADD CONSTRAINT "MigrationSender_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
