-- The facts of a mail event (migration 20261206150827_webhooks) also hold the recipients the server
-- refused at RCPT TO while it accepted the others (OutgoingMail.refusedRecipients, null when none):
-- the `mail.sent` payload carries them as `refusedRecipients` (lib/webhooks/webhook-payload.ts).
-- Events written before this migration have none, and render an empty list.
CREATE OR REPLACE FUNCTION "webhook_mail_event"(n "OutgoingMail", previous "OutgoingMailStatus") RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'tenantId', n."tenantId",
    'type', CASE WHEN previous = 'held' AND n.status = 'queued' THEN 'mail.released' ELSE 'mail.' || n.status END,
    'mailboxId', n."mailboxId",
    'data', jsonb_build_object(
      'id', n.id, 'mailboxId', n."mailboxId", 'messageId', n."messageId",
      'idempotencyKey', n."idempotencyKey", 'source', n.source, 'status', n.status,
      'previousStatus', previous, 'attempts', n.attempts, 'lastError', n."lastError",
      'smtpResponse', n."smtpResponse", 'sentAt', to_char(n."sentAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'refusedRecipients', n."refusedRecipients"))
$$;
