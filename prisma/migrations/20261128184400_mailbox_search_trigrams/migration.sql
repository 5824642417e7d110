-- The mailbox search's trigram index (see schema.prisma): trigram operators, and GIN
-- operator classes for plain columns so that the index can start with the tenant.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- CreateIndex
CREATE INDEX "Mailbox_tenantId_address_displayName_idx" ON "Mailbox" USING GIN ("tenantId" uuid_ops, "address" gin_trgm_ops, "displayName" gin_trgm_ops);
