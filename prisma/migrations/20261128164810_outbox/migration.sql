-- CreateEnum
CREATE TYPE "OutgoingMailStatus" AS ENUM ('queued', 'sending', 'sent', 'held', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "ClientConfiguration" ADD COLUMN     "maxMessagesPerDay" INTEGER,
ADD COLUMN     "maxMessagesPerMinute" INTEGER,
ADD COLUMN     "maxRecipientsPerDay" INTEGER;

-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "pauseReason" TEXT,
ADD COLUMN     "pausedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OutgoingMail" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "source" TEXT NOT NULL,
    "createdById" UUID,
    "apiKeyId" UUID,
    "fromName" TEXT NOT NULL DEFAULT '',
    "to" TEXT[],
    "cc" TEXT[],
    "bcc" TEXT[],
    "subject" TEXT NOT NULL,
    "text" TEXT,
    "html" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "recipientCount" INTEGER NOT NULL,
    "status" "OutgoingMailStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "lastError" TEXT,
    "smtpResponse" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutgoingMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutgoingAttachment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "mailId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "OutgoingAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "mailId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "workerId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "smtpCode" INTEGER,
    "smtpResponse" TEXT,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" UUID,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyMailbox" (
    "tenantId" UUID NOT NULL,
    "apiKeyId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,

    CONSTRAINT "ApiKeyMailbox_pkey" PRIMARY KEY ("apiKeyId","mailboxId")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutgoingMail_messageId_key" ON "OutgoingMail"("messageId");

-- CreateIndex
CREATE INDEX "OutgoingMail_status_nextAttemptAt_idx" ON "OutgoingMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutgoingMail_tenantId_status_createdAt_idx" ON "OutgoingMail"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "OutgoingMail_mailboxId_status_idx" ON "OutgoingMail"("mailboxId", "status");

-- CreateIndex
CREATE INDEX "OutgoingMail_mailboxId_sentAt_idx" ON "OutgoingMail"("mailboxId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutgoingMail_tenantId_idempotencyKey_key" ON "OutgoingMail"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "OutgoingAttachment_mailId_idx" ON "OutgoingAttachment"("mailId");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_mailId_number_idx" ON "DeliveryAttempt"("mailId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- AddForeignKey
ALTER TABLE "OutgoingMail" ADD CONSTRAINT "OutgoingMail_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutgoingAttachment" ADD CONSTRAINT "OutgoingAttachment_mailId_fkey" FOREIGN KEY ("mailId") REFERENCES "OutgoingMail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_mailId_fkey" FOREIGN KEY ("mailId") REFERENCES "OutgoingMail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyMailbox" ADD CONSTRAINT "ApiKeyMailbox_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyMailbox" ADD CONSTRAINT "ApiKeyMailbox_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;
