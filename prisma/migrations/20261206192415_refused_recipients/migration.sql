-- AlterTable
ALTER TABLE "OutgoingMail" ADD COLUMN     "refusedRecipients" JSONB;
