-- The school's failed mail by the time it failed for good (`updatedAt`, which the
-- retention chore leaves alone): the dashboard's "failed in the last 24 hours" and
-- its charts of mail per hour and per day (lib/dashboard/get-mail-activity.ts) read
-- a range of it. Partial: only failed mail, so the index stays small and costs the
-- worker's writes of queued, sending and sent mail nothing. (Sent mail is read
-- through `[tenantId, status, sentAt]`, held mail through `[tenantId, status, createdAt]`.)
CREATE INDEX "OutgoingMail_failed_tenantId_updatedAt_idx" ON "OutgoingMail" ("tenantId", "updatedAt")
  WHERE status = 'failed';
