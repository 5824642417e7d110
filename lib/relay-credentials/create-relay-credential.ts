import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import type { CreateRelayCredentialInput } from "./relay-credential-schemas";
import { requireRelayAdmin, type RelayAdmin } from "./relay-admin";
import { hashRelayPassword, newRelayPassword, newRelayUsername } from "./relay-secret";

export type CreatedRelayCredential = {
  id: string;
  name: string;
  username: string;
  /** Shown once; only its hash is kept. */
  password: string;
  mailboxes: string[];
  fromPolicy: CreateRelayCredentialInput["fromPolicy"];
};

/**
 * A credential for one device or program on the SMTP relay, limited to some of
 * the school's mailboxes. The user name and password are generated here; the
 * password is returned once and never stored.
 */
export async function createRelayCredential(
  by: RelayAdmin,
  input: CreateRelayCredentialInput,
): Promise<CreatedRelayCredential> {
  requireRelayAdmin(by);
  const mailboxIds = [...new Set(input.mailboxIds)];
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const mailboxes = await tx.mailbox.findMany({
      where: { tenantId: by.tenantId, id: { in: mailboxIds } },
      select: { id: true, address: true },
      orderBy: { address: "asc" },
    });
    if (mailboxes.length !== mailboxIds.length) {
      throw new DomainError("invalid_input", "errors.invalidInput", undefined, {
        mailboxIds: "relay.errors.noMailbox",
      });
    }
    const username = newRelayUsername();
    const password = newRelayPassword();
    const credential = await tx.relayCredential.create({
      data: {
        tenantId: by.tenantId,
        name: input.name,
        username,
        passwordHash: hashRelayPassword(password),
        fromPolicy: input.fromPolicy,
        allowedNetworks: input.allowedNetworks,
        dailyCap: input.dailyCap,
        createdById: by.userId,
        mailboxes: { create: mailboxes.map((m) => ({ mailboxId: m.id })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, by, {
      action: "relay_credential.created",
      targetType: "relay_credential",
      targetId: credential.id,
      targetLabel: input.name,
      details: {
        username,
        mailboxes: mailboxes.map((m) => m.address),
        fromPolicy: input.fromPolicy,
        allowedNetworks: input.allowedNetworks,
        dailyCap: input.dailyCap,
      },
    });
    return {
      id: credential.id,
      name: input.name,
      username,
      password,
      mailboxes: mailboxes.map((m) => m.address),
      fromPolicy: input.fromPolicy,
    };
  });
}
