import { listRelayCredentials } from "@/lib/relay-credentials/list-relay-credentials";
import { revokeRelayCredential } from "@/lib/relay-credentials/revoke-relay-credential";
import { UsageError, type CliCommand } from "../command";
import { relayAdminFromArgs } from "./relay-tenant";

export const relayRevoke: CliCommand = {
  name: "relay:revoke",
  summary: "Revoke a tenant's SMTP relay credential, by user name or id: its devices are refused at once.",
  usage: "--tenant <slug> (--username <user name> | --id <id>)",
  options: { tenant: { type: "string" }, username: { type: "string" }, id: { type: "string" } },
  async run(values, io) {
    const username = typeof values.username === "string" ? values.username.trim() : "";
    const id = typeof values.id === "string" ? values.id.trim().toLowerCase() : "";
    if (Boolean(username) === Boolean(id)) throw new UsageError("give either --username or --id.");
    const { by, slug } = await relayAdminFromArgs(values);
    // Looked up among this tenant's credentials only: another tenant's is simply not there.
    const credential = (await listRelayCredentials(by)).find((c) =>
      username ? c.username === username : c.id === id,
    );
    if (!credential) {
      throw new UsageError(
        username
          ? `--username: tenant ${slug} has no relay credential ${username}.`
          : `--id: tenant ${slug} has no relay credential ${id}.`,
      );
    }
    const { revoked } = await revokeRelayCredential(by, credential.id);
    io.out(
      revoked
        ? `Revoked relay credential "${credential.name}" (${credential.username}).`
        : `Relay credential "${credential.name}" (${credential.username}) was already revoked: unchanged.`,
    );
  },
};
