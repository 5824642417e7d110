-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "lastPreflight" JSONB,
ADD COLUMN     "lastPreflightAt" TIMESTAMP(3);
