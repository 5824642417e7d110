-- CreateTable
CREATE TABLE "MailboxSendingHour" (
    "tenantId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "messages" INTEGER NOT NULL,
    "recipients" INTEGER NOT NULL,

    CONSTRAINT "MailboxSendingHour_pkey" PRIMARY KEY ("mailboxId","hour")
);

-- The sending limits' day window (lib/worker/reserve-sending-slot.ts) sums these per-hour
-- counts instead of counting a mailbox's mails of the last day, which cost as much as the
-- day's volume at every reservation. A mail counts while it holds a sending slot: status
-- sent or sending with its sentAt set. Statement triggers keep the counts in the same
-- transaction as the mails: each statement adds its net change per mailbox and hour, in
-- one INSERT in (mailbox, hour) order, so that two statements never lock the same counts
-- in opposite orders; a change that nets to zero (sending to sent in the same hour)
-- writes nothing.
CREATE FUNCTION "outbox_count_sending_hours"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MailboxSendingHour" AS h ("tenantId", "mailboxId", "hour", "messages", "recipients")
    SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt"), count(*), sum("recipientCount")
      FROM new_rows
     WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL
     GROUP BY 1, 2, 3
     ORDER BY 2, 3
    ON CONFLICT ("mailboxId", "hour") DO UPDATE
       SET "messages" = h."messages" + EXCLUDED."messages", "recipients" = h."recipients" + EXCLUDED."recipients";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MailboxSendingHour" AS h ("tenantId", "mailboxId", "hour", "messages", "recipients")
    SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt"), -count(*), -sum("recipientCount")
      FROM old_rows
     WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL
     GROUP BY 1, 2, 3
     ORDER BY 2, 3
    ON CONFLICT ("mailboxId", "hour") DO UPDATE
       SET "messages" = h."messages" + EXCLUDED."messages", "recipients" = h."recipients" + EXCLUDED."recipients";
  ELSE
    INSERT INTO "MailboxSendingHour" AS h ("tenantId", "mailboxId", "hour", "messages", "recipients")
    SELECT "tenantId", "mailboxId", hour, sum(messages), sum(recipients)
      FROM (SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt") AS hour, 1 AS messages,
                   "recipientCount" AS recipients
              FROM new_rows
             WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL
            UNION ALL
            SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt"), -1, -"recipientCount"
              FROM old_rows
             WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL) AS changes
     GROUP BY 1, 2, 3
    HAVING sum(messages) <> 0 OR sum(recipients) <> 0
     ORDER BY 2, 3
    ON CONFLICT ("mailboxId", "hour") DO UPDATE
       SET "messages" = h."messages" + EXCLUDED."messages", "recipients" = h."recipients" + EXCLUDED."recipients";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "OutgoingMail_sending_hours_insert" AFTER INSERT ON "OutgoingMail"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "outbox_count_sending_hours"();
CREATE TRIGGER "OutgoingMail_sending_hours_update" AFTER UPDATE ON "OutgoingMail"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "outbox_count_sending_hours"();
CREATE TRIGGER "OutgoingMail_sending_hours_delete" AFTER DELETE ON "OutgoingMail"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "outbox_count_sending_hours"();

-- The mails already holding a slot.
INSERT INTO "MailboxSendingHour" ("tenantId", "mailboxId", "hour", "messages", "recipients")
SELECT "tenantId", "mailboxId", date_trunc('hour', "sentAt"), count(*), sum("recipientCount")
  FROM "OutgoingMail"
 WHERE status IN ('sent', 'sending') AND "sentAt" IS NOT NULL
 GROUP BY 1, 2, 3;
