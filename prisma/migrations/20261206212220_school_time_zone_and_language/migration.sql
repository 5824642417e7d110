-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'fr',
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Europe/Paris';
