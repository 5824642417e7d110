-- AlterTable
ALTER TABLE "ClientConfiguration" ADD COLUMN     "clientSecretExpiredSeenAt" TIMESTAMP(3),
ADD COLUMN     "clientSecretExpiresOn" DATE;

-- CreateTable
CREATE TABLE "GrantEndWarning" (
    "tenantId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "endsOn" DATE NOT NULL,
    "thresholdDays" INTEGER NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantEndWarning_pkey" PRIMARY KEY ("mailboxId","endsOn","thresholdDays")
);

-- CreateTable
CREATE TABLE "ClientSecretReminder" (
    "tenantId" UUID NOT NULL,
    "clientConfigurationId" UUID NOT NULL,
    "expiresOn" DATE NOT NULL,
    "thresholdDays" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClientSecretReminder_pkey" PRIMARY KEY ("clientConfigurationId","expiresOn","thresholdDays")
);

-- CreateIndex
CREATE INDEX "GrantEndWarning_tenantId_sentAt_idx" ON "GrantEndWarning"("tenantId", "sentAt");

-- CreateIndex
CREATE INDEX "ClientSecretReminder_tenantId_idx" ON "ClientSecretReminder"("tenantId");

-- AddForeignKey
ALTER TABLE "GrantEndWarning" ADD CONSTRAINT "GrantEndWarning_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientSecretReminder" ADD CONSTRAINT "ClientSecretReminder_clientConfigurationId_fkey" FOREIGN KEY ("clientConfigurationId") REFERENCES "ClientConfiguration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
