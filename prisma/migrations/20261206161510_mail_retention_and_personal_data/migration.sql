-- Captured platform mail kept its bodies (sign-in, invitation and connect links with their
-- tokens) in clear. The new columns hold AES-256-GCM ciphertexts that SQL cannot write, so the
-- old rows go: they are development and demo mail whose links expire within days anyway.
DELETE FROM "CapturedMail";

-- AlterTable
ALTER TABLE "CapturedMail" DROP COLUMN "html",
DROP COLUMN "text",
ADD COLUMN     "htmlCipher" TEXT,
ADD COLUMN     "textCipher" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "OutgoingMail" ADD COLUMN     "bodyPurgedAfterDays" INTEGER,
ADD COLUMN     "bodyPurgedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "mailBodyRetentionDays" INTEGER NOT NULL DEFAULT 30;

-- The retention chore (lib/outbox/purge-mail-bodies.ts) reads, per school, the finished mails
-- whose body is still kept, oldest first by the time they finished: sentAt for sent mail,
-- updatedAt for failed and cancelled mail. Partial: a purged or unfinished mail is not in it,
-- so the index holds about one retention period of mail and each batch is an index range.
CREATE INDEX "OutgoingMail_body_retention_idx" ON "OutgoingMail"
  ("tenantId", (CASE WHEN status = 'sent' THEN COALESCE("sentAt", "updatedAt") ELSE "updatedAt" END))
  WHERE "bodyPurgedAt" IS NULL AND status IN ('sent', 'failed', 'cancelled');
