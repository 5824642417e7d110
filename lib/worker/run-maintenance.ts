import { remindCampaignMembers } from "@/lib/campaigns/remind-campaign-members";
import { sendBrokenMailboxDigest } from "@/lib/notifications/send-broken-mailbox-digest";
import { sendClientSecretReminders } from "@/lib/notifications/send-client-secret-reminders";
import { warnEndingConnections } from "@/lib/notifications/warn-ending-connections";
import { retryPendingRevocations } from "@/lib/revocation/retry-pending-revocations";
import { runKeepAliveBatch } from "@/lib/tokens/keep-alive";
import { getDb } from "@/lib/db/client";
import type { Log } from "@/lib/log/log";
import { purgeMailBodies } from "@/lib/outbox/purge-mail-bodies";
import { pruneRelayEvents, pruneRelayLoginFailures } from "@/lib/relay/prune-relay-records";
import { queueEndingSoonEvents } from "@/lib/webhooks/queue-ending-soon-events";
import { pruneWebhookHistory } from "@/lib/webhooks/prune-webhook-history";
import { pruneSendingHours } from "./prune-sending-hours";

/**
 * The token lifecycle's background chores, run by every worker now and then
 * (docs/token-lifecycle.md): refresh a small batch of idle connections so that
 * the holidays do not kill them, retry revocations the provider missed, and
 * send the admins' daily digest, warn owners and admins of connections ending
 * soon and admins of client secrets expiring, remind reconnect campaigns' owners (docs/reconnect-campaigns.md), delete the sending limits' per-hour counts
 * of hours past, the relay's failed logins older than its throttle window and
 * its sessions and refusals older than 30 days, warn webhook endpoints of
 * connections ending soon and prune their deliveries' history, and delete the bodies of mail
 * past its school's retention period (docs/personal-data.md). Each chore is safe to run from several
 * workers at once (locks, and records of what was sent written before sending), and one failing does not
 * stop the others.
 */
export async function runMaintenance(log: Log, now = new Date()): Promise<void> {
  const chores: [string, () => Promise<unknown>][] = [
    ["keep-alive", () => runKeepAliveBatch({ limit: 25, now, maxPauseMs: 2_000 })],
    ["pending revocations", () => retryPendingRevocations({ now })],
    ["broken mailbox digest", () => sendBrokenMailboxDigest({ now })],
    ["connections ending soon", () => warnEndingConnections({ now })],
    ["client secret reminders", () => sendClientSecretReminders({ now })],
    ["reconnect campaign reminders", () => remindCampaignMembers({ now })],
    ["sending hours", () => pruneSendingHours(now)],
    ["relay login failures", async () => pruneRelayLoginFailures(await getDb(), now)],
    ["relay events", async () => pruneRelayEvents(await getDb(), now)],
    ["webhooks ending soon", () => queueEndingSoonEvents(now)],
    ["webhook history", async () => pruneWebhookHistory(await getDb())],
    ["mail body retention", () => purgeMailBodies({ now })],
  ];
  for (const [name, chore] of chores) {
    try {
      await chore();
    } catch (error) {
      log.error({ chore: name, err: error }, "Maintenance chore failed");
    }
  }
}
