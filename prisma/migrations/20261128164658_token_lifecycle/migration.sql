-- AlterTable
ALTER TABLE "ClientConfiguration" ADD COLUMN     "brokenNotifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "ownersNotifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PendingRevocation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "tokenCipher" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastErrorCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrokenMailboxDigest" (
    "tenantId" UUID NOT NULL,
    "day" TEXT NOT NULL,
    "mailboxCount" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BrokenMailboxDigest_pkey" PRIMARY KEY ("tenantId","day")
);

-- CreateIndex
CREATE INDEX "PendingRevocation_nextAttemptAt_idx" ON "PendingRevocation"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "PendingRevocation_tenantId_mailboxId_idx" ON "PendingRevocation"("tenantId", "mailboxId");

-- AddForeignKey
ALTER TABLE "PendingRevocation" ADD CONSTRAINT "PendingRevocation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrokenMailboxDigest" ADD CONSTRAINT "BrokenMailboxDigest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
