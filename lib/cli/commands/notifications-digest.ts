import { notifyOwnersOfBrokenMailboxes } from "@/lib/notifications/notify-mailbox-owners";
import { sendBrokenMailboxDigest } from "@/lib/notifications/send-broken-mailbox-digest";
import type { CliCommand } from "../command";

export const notificationsDigest: CliCommand = {
  name: "notifications:digest",
  summary:
    "Mail each school's admins today's list of broken mailboxes (once a day), and owners any notice still owed.",
  usage: "",
  options: {},
  async run(_values, io) {
    // Owners whose notice could not be sent when their mailbox broke get it now.
    const owners = await notifyOwnersOfBrokenMailboxes();
    const tenants = await sendBrokenMailboxDigest();
    io.out(`${owners} owner notice(s) sent; digest sent for ${tenants.length} school(s).`);
    for (const slug of tenants) io.out(`  ${slug}`);
  },
};
