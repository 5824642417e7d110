-- Every API key belongs to a school that exists: until now only the code kept it so.
-- A key whose school is gone is reported and the migration stops, rather than
-- deleting it or failing on the constraint with no word of which rows.
DO $$
DECLARE
  orphans text;
BEGIN
  SELECT string_agg(k.id::text || ' (school ' || k."tenantId"::text || ')', ', ')
    INTO orphans
    FROM "ApiKey" k
   WHERE NOT EXISTS (SELECT 1 FROM "Tenant" t WHERE t.id = k."tenantId");
  IF orphans IS NOT NULL THEN
    RAISE EXCEPTION 'API keys of schools that no longer exist: %. Delete them (DELETE FROM "ApiKey" WHERE id IN (...)), then migrate again.', orphans;
  END IF;
END $$;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
