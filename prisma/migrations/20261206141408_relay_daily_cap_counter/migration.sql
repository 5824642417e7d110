-- AlterTable
ALTER TABLE "RelayCredential" ADD COLUMN     "capCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "capDay" DATE;
