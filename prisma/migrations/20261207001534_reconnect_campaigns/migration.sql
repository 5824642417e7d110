-- CreateEnum
CREATE TYPE "ReconnectCampaignChannel" AS ENUM ('mail', 'copy');

-- AlterTable
ALTER TABLE "ConnectLink" ADD COLUMN     "openedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReconnectCampaign" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "channel" "ReconnectCampaignChannel" NOT NULL,
    "linkDays" INTEGER NOT NULL,
    "reminderDays" INTEGER,
    "createdById" UUID,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ReconnectCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconnectCampaignMember" (
    "tenantId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "connectLinkId" UUID,
    "askedAt" TIMESTAMP(3),
    "lastSentAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "mailFailedAt" TIMESTAMP(3),
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReconnectCampaignMember_pkey" PRIMARY KEY ("campaignId","mailboxId")
);

-- CreateIndex
CREATE INDEX "ReconnectCampaign_tenantId_createdAt_idx" ON "ReconnectCampaign"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconnectCampaign_tenantId_id_key" ON "ReconnectCampaign"("tenantId", "id");

-- CreateIndex
CREATE INDEX "ReconnectCampaignMember_tenantId_mailboxId_idx" ON "ReconnectCampaignMember"("tenantId", "mailboxId");

-- CreateIndex
CREATE INDEX "ReconnectCampaignMember_connectLinkId_idx" ON "ReconnectCampaignMember"("connectLinkId");

-- AddForeignKey
ALTER TABLE "ReconnectCampaign" ADD CONSTRAINT "ReconnectCampaign_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconnectCampaignMember" ADD CONSTRAINT "ReconnectCampaignMember_tenantId_campaignId_fkey" FOREIGN KEY ("tenantId", "campaignId") REFERENCES "ReconnectCampaign"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconnectCampaignMember" ADD CONSTRAINT "ReconnectCampaignMember_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconnectCampaignMember" ADD CONSTRAINT "ReconnectCampaignMember_connectLinkId_fkey" FOREIGN KEY ("connectLinkId") REFERENCES "ConnectLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;
