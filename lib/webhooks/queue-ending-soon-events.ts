import { getDb } from "@/lib/db/client";
import { storedGrantEnd } from "@/lib/connections/stored-grant-end";
import { queueWebhookEvents, type WebhookEventCandidate } from "./queue-webhook-event";

/** How far ahead `mailbox.ending_soon` warns of a connection's end. */
export const ENDING_SOON_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

/**
 * A workers' chore: for the schools with an endpoint that wants
 * `mailbox.ending_soon`, one event per connected mailbox whose connection is
 * forecast to end (Mailbox.grantEndsAt: announced by the provider, or predicted
 * from its rules and last use) within ENDING_SOON_DAYS: once per forecast end, whichever worker
 * runs it (the event's dedupe key holds the date). Returns the deliveries written.
 */
export async function queueEndingSoonEvents(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  const tenants = await db.webhookEndpoint.findMany({
    where: { enabled: true, eventTypes: { has: "mailbox.ending_soon" } },
    select: { tenantId: true },
    distinct: ["tenantId"],
  });
  let written = 0;
  for (const { tenantId } of tenants) {
    const mailboxes = await db.mailbox.findMany({
      where: {
        tenantId,
        state: "connected",
        refreshTokenCipher: { not: null },
        grantEndsAt: { gt: now, lte: new Date(now.getTime() + ENDING_SOON_DAYS * DAY_MS) },
      },
      select: { id: true, address: true, grantEndsAt: true, connectedAt: true, refreshTokenExpiresAt: true },
    });
    const candidates: WebhookEventCandidate[] = [];
    for (const mailbox of mailboxes) {
      const end = storedGrantEnd(mailbox);
      if (!end) continue;
      const endsAt = end.at.toISOString();
      candidates.push({
        tenantId,
        type: "mailbox.ending_soon",
        mailboxId: mailbox.id,
        data: { mailboxId: mailbox.id, address: mailbox.address, endsAt, reason: end.reason },
        dedupeKey: `mailbox.ending_soon:${mailbox.id}:${endsAt.slice(0, 10)}`,
      });
    }
    if (candidates.length > 0) written += await db.$transaction((tx) => queueWebhookEvents(tx, candidates));
  }
  return written;
}
