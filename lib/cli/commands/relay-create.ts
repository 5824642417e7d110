import { relayConnectionInfo } from "@/lib/relay/relay-settings";
import { createRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import { mailboxIdsByAddress } from "@/lib/relay-credentials/mailbox-ids-by-address";
import { createRelayCredentialSchema } from "@/lib/relay-credentials/relay-credential-schemas";
import { parseCommandInput, UsageError, type CliCommand } from "../command";
import { relayAdminFromArgs } from "./relay-tenant";

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];

/** The server settings a device needs, as printed after a credential is made. */
export function relayServerLines(): string[] {
  const info = relayConnectionInfo();
  const ports = [
    info.submissionPort !== null ? `${info.submissionPort} (STARTTLS, recommended)` : null,
    info.tlsPort !== null ? `${info.tlsPort} (SSL/TLS from the start)` : null,
    info.plainPort !== null
      ? `${info.plainPort} at ${info.plainHosts.join(", ")} (no encryption: school network only)`
      : null,
    info.legacyPort !== null ? `${info.legacyPort} (old TLS 1.0/1.1: a risk)` : null,
  ].filter((line): line is string => line !== null);
  if (ports.length === 0) return ["Server:    the relay is not configured on this server."];
  return [
    `Server:    ${info.host}`,
    ...ports.map((port, index) => `${index === 0 ? "Port:" : "     "}      ${port}`),
  ];
}

export const relayCreate: CliCommand = {
  name: "relay:create",
  summary: "Create an SMTP relay credential for a device or program; prints its user name and password once.",
  usage:
    "--tenant <slug> --name <name> --mailbox <address> [--mailbox <address>…] " +
    "[--from-policy as_sent|fixed_keep_name|fixed_reply_to] [--network <cidr>…] [--daily-cap <n>]",
  options: {
    tenant: { type: "string" },
    name: { type: "string" },
    mailbox: { type: "string", multiple: true },
    "from-policy": { type: "string" },
    network: { type: "string", multiple: true },
    "daily-cap": { type: "string" },
  },
  async run(values, io) {
    const { by, slug } = await relayAdminFromArgs(values);
    const { ids, missing } = await mailboxIdsByAddress(by.tenantId, list(values.mailbox));
    if (missing.length > 0) {
      throw new UsageError(`--mailbox: tenant ${slug} has no mailbox ${missing.join(", ")}.`);
    }
    const input = parseCommandInput(
      createRelayCredentialSchema,
      {
        name: values.name,
        mailboxIds: ids,
        fromPolicy: values["from-policy"],
        allowedNetworks: list(values.network),
        dailyCap: values["daily-cap"],
      },
      {
        mailboxIds: "--mailbox",
        fromPolicy: "--from-policy",
        allowedNetworks: "--network",
        dailyCap: "--daily-cap",
      },
    );
    const created = await createRelayCredential(by, input);
    io.out(`Created relay credential "${created.name}" in tenant ${slug}, id ${created.id}.`);
    io.out(`User name: ${created.username}`);
    io.out(`Password:  ${created.password}`);
    io.out("Copy the password now: it is not stored and will not be shown again.");
    io.out(`Mailboxes: ${created.mailboxes.join(", ")}`);
    io.out(`From:      ${created.fromPolicy}`);
    for (const line of relayServerLines()) io.out(line);
  },
};
