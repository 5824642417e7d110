-- CreateTable
CREATE TABLE "MigrationImport" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "senderCount" INTEGER NOT NULL,
    "importedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MigrationImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MigrationReportLine" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "messages" INTEGER NOT NULL,
    "tls10Percent" DOUBLE PRECISION NOT NULL,
    "tls11Percent" DOUBLE PRECISION NOT NULL,
    "tls12Percent" DOUBLE PRECISION NOT NULL,
    "auth" TEXT NOT NULL,

    CONSTRAINT "MigrationReportLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MigrationSender" (
    "tenantId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "relayCredentialId" UUID,
    "regressionImportId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MigrationSender_pkey" PRIMARY KEY ("tenantId","address")
);

-- CreateIndex
CREATE INDEX "MigrationImport_tenantId_periodEnd_idx" ON "MigrationImport"("tenantId", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "MigrationImport_tenantId_id_key" ON "MigrationImport"("tenantId", "id");

-- CreateIndex
CREATE INDEX "MigrationReportLine_tenantId_address_idx" ON "MigrationReportLine"("tenantId", "address");

-- CreateIndex
CREATE UNIQUE INDEX "MigrationReportLine_importId_address_key" ON "MigrationReportLine"("importId", "address");

-- AddForeignKey
ALTER TABLE "MigrationImport" ADD CONSTRAINT "MigrationImport_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationReportLine" ADD CONSTRAINT "MigrationReportLine_tenantId_importId_fkey" FOREIGN KEY ("tenantId", "importId") REFERENCES "MigrationImport"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
