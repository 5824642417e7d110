-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "manageWebhooks" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventTypes" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "pausedReason" TEXT,
    "pausedAt" TIMESTAMP(3),
    "secretCipher" TEXT NOT NULL,
    "previousSecretCipher" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "failingSince" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "seq" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "mailboxId" UUID,
    "data" JSONB NOT NULL,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "orderingKey" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "lastDurationMs" INTEGER,
    "lastAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_tenantId_createdAt_idx" ON "WebhookEndpoint"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_tenantId_id_key" ON "WebhookEndpoint"("tenantId", "id");

-- CreateIndex
CREATE INDEX "WebhookEvent_tenantId_createdAt_idx" ON "WebhookEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_tenantId_id_key" ON "WebhookEvent"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_tenantId_dedupeKey_key" ON "WebhookEvent"("tenantId", "dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_orderingKey_seq_idx" ON "WebhookDelivery"("endpointId", "orderingKey", "seq");

-- CreateIndex
CREATE INDEX "WebhookDelivery_tenantId_endpointId_createdAt_idx" ON "WebhookDelivery"("tenantId", "endpointId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_tenantId_id_key" ON "WebhookDelivery"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEvent" ADD CONSTRAINT "WebhookEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_tenantId_endpointId_fkey" FOREIGN KEY ("tenantId", "endpointId") REFERENCES "WebhookEndpoint"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_tenantId_eventId_fkey" FOREIGN KEY ("tenantId", "eventId") REFERENCES "WebhookEvent"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Transactional outbox for webhooks (docs/webhooks.md). Events are written by triggers, in the
-- same transaction as the change that causes them: whichever code path changes a mail's status,
-- a mailbox's state or a configuration's breakage (Prisma, raw SQL, the relay's group commit),
-- the event exists if and only if the change committed. Nothing is written while no enabled
-- endpoint of the school wants the event type.

-- Writes candidate events ([{tenantId, type, mailboxId?, orderingKey?, data, dedupeKey?,
-- endpointId?}]) that an enabled endpoint wants (or the one endpoint named), and one delivery per
-- such endpoint. A dedupeKey already written makes that candidate a no-op. Also called from
-- lib/webhooks/queue-webhook-event.ts for events that no row change causes.
CREATE FUNCTION "webhook_queue"(candidates jsonb) RETURNS integer LANGUAGE sql AS $$
  WITH changes AS MATERIALIZED (
    SELECT gen_random_uuid() AS id, (c->>'tenantId')::uuid AS tenant_id, c->>'type' AS type,
           (c->>'mailboxId')::uuid AS mailbox_id, c->>'orderingKey' AS ordering_key, c->'data' AS data,
           c->>'dedupeKey' AS dedupe_key, (c->>'endpointId')::uuid AS endpoint_id, position
      FROM jsonb_array_elements(candidates) WITH ORDINALITY AS x(c, position)
  ), wanted AS MATERIALIZED (
    SELECT c.id AS event_id, e.id AS endpoint_id
      FROM changes c
      JOIN "WebhookEndpoint" e ON e."tenantId" = c.tenant_id
     WHERE CASE WHEN c.endpoint_id IS NULL THEN e.enabled AND c.type = ANY (e."eventTypes")
                ELSE e.id = c.endpoint_id END
  ), events AS (
    INSERT INTO "WebhookEvent" (id, "tenantId", type, "mailboxId", data, "dedupeKey")
    SELECT c.id, c.tenant_id, c.type, c.mailbox_id, c.data, c.dedupe_key
      FROM changes c
     WHERE EXISTS (SELECT 1 FROM wanted w WHERE w.event_id = c.id)
     ORDER BY c.position
    ON CONFLICT ("tenantId", "dedupeKey") DO NOTHING
    RETURNING id, seq, "tenantId"
  ), deliveries AS (
    INSERT INTO "WebhookDelivery" ("tenantId", "endpointId", "eventId", seq, "orderingKey")
    SELECT ev."tenantId", w.endpoint_id, ev.id, ev.seq, COALESCE(c.ordering_key, c.mailbox_id::text, ev.id::text)
      FROM events ev
      JOIN wanted w ON w.event_id = ev.id
      JOIN changes c ON c.id = ev.id
    RETURNING 1
  )
  SELECT count(*)::integer FROM deliveries
$$;

-- A mail held (queued held, or held on the way), released (held back to the queue), sent or failed.
CREATE FUNCTION "webhook_mail_event"(n "OutgoingMail", previous "OutgoingMailStatus") RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'tenantId', n."tenantId",
    'type', CASE WHEN previous = 'held' AND n.status = 'queued' THEN 'mail.released' ELSE 'mail.' || n.status END,
    'mailboxId', n."mailboxId",
    'data', jsonb_build_object(
      'id', n.id, 'mailboxId', n."mailboxId", 'messageId', n."messageId",
      'idempotencyKey', n."idempotencyKey", 'source', n.source, 'status', n.status,
      'previousStatus', previous, 'attempts', n.attempts, 'lastError', n."lastError",
      'smtpResponse', n."smtpResponse", 'sentAt', to_char(n."sentAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
$$;

CREATE FUNCTION "webhook_mail_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE enabled) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM "webhook_queue"(jsonb_agg("webhook_mail_event"(n, NULL) ORDER BY n."createdAt", n.id))
      FROM new_rows n
     WHERE n.status = 'held'
    HAVING count(*) > 0;
  ELSE
    PERFORM "webhook_queue"(jsonb_agg("webhook_mail_event"(n, o.status) ORDER BY n."updatedAt", n.id))
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
     WHERE o.status <> n.status
       AND (n.status IN ('sent', 'failed', 'held') OR (o.status = 'held' AND n.status = 'queued'))
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "OutgoingMail_webhooks_insert" AFTER INSERT ON "OutgoingMail"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_mail_events"();
CREATE TRIGGER "OutgoingMail_webhooks_update" AFTER UPDATE ON "OutgoingMail"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_mail_events"();

-- A mailbox's connection changed state, or its sending was paused by a provider's quota answer.
CREATE FUNCTION "webhook_mailbox_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE enabled) THEN
    RETURN NULL;
  END IF;
  PERFORM "webhook_queue"(jsonb_agg(jsonb_build_object(
      'tenantId', n."tenantId",
      'type', 'mailbox.state_changed',
      'mailboxId', n.id,
      'data', jsonb_build_object(
        'mailboxId', n.id, 'address', n.address,
        'state', CASE WHEN n.state = o.state THEN 'paused' ELSE n.state::text END,
        'previousState', o.state,
        'code', CASE WHEN n.state = o.state THEN n."pauseReason" ELSE n."lastErrorCode" END,
        'pausedUntil', CASE WHEN n.state = o.state THEN to_char(n."pausedUntil", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END))
      ORDER BY n.id))
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id
   WHERE n.state <> o.state
      OR (n.state = 'connected' AND n."pausedUntil" > (now() AT TIME ZONE 'UTC')
          AND (o."pausedUntil" IS NULL OR o."pausedUntil" <= (now() AT TIME ZONE 'UTC')))
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Mailbox_webhooks_update" AFTER UPDATE ON "Mailbox"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_mailbox_events"();

-- The provider refused a configuration itself (brokenAt set anew).
CREATE FUNCTION "webhook_configuration_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE enabled) THEN
    RETURN NULL;
  END IF;
  PERFORM "webhook_queue"(jsonb_agg(jsonb_build_object(
      'tenantId', n."tenantId",
      'type', 'configuration.error',
      'orderingKey', n.id::text,
      'data', jsonb_build_object(
        'configurationId', n.id, 'name', n.name, 'provider', n.provider,
        'code', n."brokenReason"))
      ORDER BY n.id))
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id
   WHERE n."brokenAt" IS NOT NULL AND o."brokenAt" IS DISTINCT FROM n."brokenAt"
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ClientConfiguration_webhooks_update" AFTER UPDATE ON "ClientConfiguration"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_configuration_events"();
