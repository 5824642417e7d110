-- The mail waiting for one of its mailbox's request slots (Graph: 4 requests in
-- flight), in the order it was put back: a worker whose send for that mailbox just
-- ended takes the next one (lib/worker/pick-due-mail.ts, `pull`). Partial: only
-- that mail, so the index stays small and costs the other writes nothing.
CREATE INDEX "OutgoingMail_api_slot_wait_idx" ON "OutgoingMail" ("mailboxId", "nextAttemptAt")
  WHERE status = 'queued' AND "lastError" = 'api_concurrency';
