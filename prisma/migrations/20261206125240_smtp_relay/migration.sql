-- CreateEnum
CREATE TYPE "RelayFromPolicy" AS ENUM ('as_sent', 'fixed_keep_name', 'fixed_reply_to');

-- AlterTable
ALTER TABLE "OutgoingMail" ADD COLUMN     "clientIp" TEXT,
ADD COLUMN     "raw" BYTEA,
ADD COLUMN     "relayCredentialId" UUID;

-- CreateTable
CREATE TABLE "RelayCredential" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "fromPolicy" "RelayFromPolicy" NOT NULL DEFAULT 'as_sent',
    "allowedNetworks" TEXT[],
    "dailyCap" INTEGER,
    "createdById" UUID,
    "firstUsedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedIp" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RelayCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RelayCredentialMailbox" (
    "tenantId" UUID NOT NULL,
    "credentialId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,

    CONSTRAINT "RelayCredentialMailbox_pkey" PRIMARY KEY ("credentialId","mailboxId")
);

-- CreateTable
CREATE TABLE "RelayEvent" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "credentialId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "clientIp" TEXT NOT NULL,
    "code" INTEGER,
    "reason" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '',
    "messages" INTEGER NOT NULL DEFAULT 0,
    "refusals" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RelayEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RelayAuthFailure" (
    "id" BIGSERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "clientIp" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RelayAuthFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RelayCredential_username_key" ON "RelayCredential"("username");

-- CreateIndex
CREATE INDEX "RelayCredential_tenantId_createdAt_idx" ON "RelayCredential"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RelayCredential_tenantId_id_key" ON "RelayCredential"("tenantId", "id");

-- CreateIndex
CREATE INDEX "RelayCredentialMailbox_tenantId_mailboxId_idx" ON "RelayCredentialMailbox"("tenantId", "mailboxId");

-- CreateIndex
CREATE INDEX "RelayEvent_tenantId_credentialId_createdAt_idx" ON "RelayEvent"("tenantId", "credentialId", "createdAt");

-- CreateIndex
CREATE INDEX "RelayAuthFailure_clientIp_createdAt_idx" ON "RelayAuthFailure"("clientIp", "createdAt");

-- CreateIndex
CREATE INDEX "RelayAuthFailure_username_createdAt_idx" ON "RelayAuthFailure"("username", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_tenantId_id_key" ON "Mailbox"("tenantId", "id");

-- CreateIndex
CREATE INDEX "OutgoingMail_tenantId_relayCredentialId_createdAt_idx" ON "OutgoingMail"("tenantId", "relayCredentialId", "createdAt");

-- AddForeignKey
ALTER TABLE "RelayCredential" ADD CONSTRAINT "RelayCredential_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelayCredentialMailbox" ADD CONSTRAINT "RelayCredentialMailbox_tenantId_credentialId_fkey" FOREIGN KEY ("tenantId", "credentialId") REFERENCES "RelayCredential"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelayCredentialMailbox" ADD CONSTRAINT "RelayCredentialMailbox_tenantId_mailboxId_fkey" FOREIGN KEY ("tenantId", "mailboxId") REFERENCES "Mailbox"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelayEvent" ADD CONSTRAINT "RelayEvent_tenantId_credentialId_fkey" FOREIGN KEY ("tenantId", "credentialId") REFERENCES "RelayCredential"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
