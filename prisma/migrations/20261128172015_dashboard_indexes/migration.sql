-- CreateIndex
CREATE INDEX "Mailbox_tenantId_state_address_idx" ON "Mailbox"("tenantId", "state", "address");

-- CreateIndex
CREATE INDEX "Mailbox_tenantId_displayName_address_idx" ON "Mailbox"("tenantId", "displayName", "address");

-- CreateIndex
CREATE INDEX "Mailbox_tenantId_refreshTokenExpiresAt_address_idx" ON "Mailbox"("tenantId", "refreshTokenExpiresAt", "address");

-- CreateIndex
CREATE INDEX "Mailbox_tenantId_lastUsedAt_address_idx" ON "Mailbox"("tenantId", "lastUsedAt", "address");

-- CreateIndex
CREATE INDEX "OutgoingMail_tenantId_status_sentAt_idx" ON "OutgoingMail"("tenantId", "status", "sentAt");
