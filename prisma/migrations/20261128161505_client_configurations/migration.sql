-- CreateEnum
CREATE TYPE "OAuthProviderKind" AS ENUM ('google', 'microsoft', 'platform_microsoft', 'custom');

-- CreateEnum
CREATE TYPE "OAuthFlow" AS ENUM ('authorization_code', 'device_code');

-- CreateEnum
CREATE TYPE "SmtpSecurity" AS ENUM ('tls', 'starttls');

-- CreateTable
CREATE TABLE "ClientConfiguration" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "provider" "OAuthProviderKind" NOT NULL,
    "clientId" TEXT NOT NULL DEFAULT '',
    "clientSecretCipher" TEXT,
    "clientSecretHint" TEXT,
    "authorizationEndpoint" TEXT NOT NULL DEFAULT '',
    "tokenEndpoint" TEXT NOT NULL DEFAULT '',
    "deviceEndpoint" TEXT,
    "revocationEndpoint" TEXT,
    "scopes" TEXT[],
    "defaultFlow" "OAuthFlow" NOT NULL DEFAULT 'authorization_code',
    "pkce" BOOLEAN NOT NULL DEFAULT true,
    "smtpHost" TEXT NOT NULL,
    "smtpPort" INTEGER NOT NULL,
    "smtpSecurity" "SmtpSecurity" NOT NULL,
    "microsoftDirectory" TEXT,
    "brokenAt" TIMESTAMP(3),
    "brokenReason" TEXT,
    "lastTestedAt" TIMESTAMP(3),
    "lastTestOutcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientConfiguration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mailbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "clientConfigurationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mailbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClientConfiguration_tenantId_idx" ON "ClientConfiguration"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ClientConfiguration_tenantId_name_key" ON "ClientConfiguration"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Mailbox_tenantId_clientConfigurationId_idx" ON "Mailbox"("tenantId", "clientConfigurationId");

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_tenantId_address_key" ON "Mailbox"("tenantId", "address");

-- AddForeignKey
ALTER TABLE "ClientConfiguration" ADD CONSTRAINT "ClientConfiguration_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mailbox" ADD CONSTRAINT "Mailbox_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mailbox" ADD CONSTRAINT "Mailbox_clientConfigurationId_fkey" FOREIGN KEY ("clientConfigurationId") REFERENCES "ClientConfiguration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
