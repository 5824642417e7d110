import { remindCampaignMembers } from "@/lib/campaigns/remind-campaign-members";
import { notifyOwnersOfBrokenMailboxes } from "@/lib/notifications/notify-mailbox-owners";
import { sendBrokenMailboxDigest } from "@/lib/notifications/send-broken-mailbox-digest";
import { sendClientSecretReminders } from "@/lib/notifications/send-client-secret-reminders";
import { warnEndingConnections } from "@/lib/notifications/warn-ending-connections";
import type { CliCommand } from "../command";

/**
 * The worker's mail chores, on demand (a cron line, or a deployment without
 * a worker's maintenance): each is safe to run beside the workers' own, and
 * mails nothing twice.
 */
export const notificationsDigest: CliCommand = {
  name: "notifications:digest",
  summary:
    "Send the mail notices now: owners' notices still owed, each school's daily list of broken mailboxes, warnings of connections ending, client secret reminders and reconnect campaign reminders.",
  usage: "",
  options: {},
  async run(_values, io) {
    // Owners whose notice could not be sent when their mailbox broke get it now.
    const owners = await notifyOwnersOfBrokenMailboxes();
    const tenants = await sendBrokenMailboxDigest();
    const ending = await warnEndingConnections();
    const secrets = await sendClientSecretReminders();
    const campaigns = await remindCampaignMembers();
    io.out(`${owners} owner notice(s) sent; digest sent for ${tenants.length} school(s).`);
    for (const slug of tenants) io.out(`  ${slug}`);
    io.out(
      `${ending} warning(s) of a connection ending, ${secrets} client secret reminder(s), ${campaigns} reconnect campaign reminder(s) sent.`,
    );
  },
};
