import { listRelayCredentials } from "@/lib/relay-credentials/list-relay-credentials";
import type { CliCommand } from "../command";
import { textTable } from "../text-table";
import { relayAdminFromArgs } from "./relay-tenant";

const moment = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const relayList: CliCommand = {
  name: "relay:list",
  summary: "List a tenant's SMTP relay credentials: name, user name, mailboxes, last use, state.",
  usage: "--tenant <slug>",
  options: { tenant: { type: "string" } },
  async run(values, io) {
    const { by, slug } = await relayAdminFromArgs(values);
    const credentials = await listRelayCredentials(by);
    if (credentials.length === 0) {
      io.out(
        `No relay credentials in tenant ${slug} yet. Create one with: npm run relais -- relay:create --tenant ${slug} --name <name> --mailbox <address>`,
      );
      return;
    }
    const rows = credentials.map((credential) => [
      credential.name,
      credential.username,
      credential.mailboxes.map((m) => m.address).join(","),
      credential.lastUsedAt
        ? `${moment(credential.lastUsedAt)}${credential.lastUsedIp ? ` from ${credential.lastUsedIp}` : ""}`
        : "never",
      credential.revokedAt ? "revoked" : "active",
    ]);
    for (const line of textTable([["NAME", "USER NAME", "MAILBOXES", "LAST USED", "STATE"], ...rows])) {
      io.out(line);
    }
  },
};
