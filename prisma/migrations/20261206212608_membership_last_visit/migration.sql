-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "lastVisitedAt" TIMESTAMP(3);
