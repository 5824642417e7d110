CREATE INDEX "OutgoingMail_leaseExpiresAt_sending_idx" ON "OutgoingMail" ("leaseExpiresAt") WHERE status = 'sending';
