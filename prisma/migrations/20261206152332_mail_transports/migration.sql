-- CreateEnum
CREATE TYPE "MailTransport" AS ENUM ('smtp', 'graph', 'gmail_api');

-- AlterTable
ALTER TABLE "ClientConfiguration" ADD COLUMN     "apiBaseUrl" TEXT,
ADD COLUMN     "transport" "MailTransport" NOT NULL DEFAULT 'smtp';

-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "delegateAccount" TEXT,
ADD COLUMN     "transport" "MailTransport";
