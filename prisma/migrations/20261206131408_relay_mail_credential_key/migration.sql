-- AddForeignKey
ALTER TABLE "OutgoingMail" ADD CONSTRAINT "OutgoingMail_tenantId_relayCredentialId_fkey" FOREIGN KEY ("tenantId", "relayCredentialId") REFERENCES "RelayCredential"("tenantId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
