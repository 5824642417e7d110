import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { createConnectLinks } from "@/lib/connect-links/create-connect-links";
import { getDb } from "@/lib/db/client";
import { createMailbox } from "@/lib/mailboxes/create-mailbox";
import { createRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import type { MigrateSenderInput } from "./migration-schemas";

export type StepOutcome = "done" | "already" | "skipped" | "failed";

export type MigrateSenderResult = {
  address: string;
  mailbox: StepOutcome;
  link: StepOutcome;
  credential: StepOutcome;
  /** Shown once, for the device's sheet: only when a credential was made now. */
  newCredential: { id: string; username: string; password: string } | null;
  /** A catalog key saying why a step failed. */
  problem: string | null;
};

/**
 * Does what the admin ticked for one sender of the plan, each step only when
 * it is needed: creates its mailbox, mails a connect link to a mailbox that is
 * not connected, and makes a relay credential bound to that mailbox (its
 * `From:` fixed to it, since many devices cannot change theirs). Each step is
 * its own transaction and is audited; a failed step is reported and the
 * following ones that depend on it are skipped.
 */
export async function migrateSender(
  ctx: TenantContext,
  input: MigrateSenderInput,
): Promise<MigrateSenderResult> {
  if (!can(ctx, "migration.write") || !can(ctx, "mailboxes.write") || !can(ctx, "relay.write"))
    throw forbidden();
  const db = await getDb();
  const { address } = input;
  const inPlan = await db.migrationReportLine.findFirst({
    where: { tenantId: ctx.tenantId, address },
    select: { id: true },
  });
  if (!inPlan) throw notFound();
  const result: MigrateSenderResult = {
    address,
    mailbox: "skipped",
    link: "skipped",
    credential: "skipped",
    newCredential: null,
    problem: null,
  };
  const findMailbox = () =>
    db.mailbox.findFirst({ where: { tenantId: ctx.tenantId, address }, select: { id: true, state: true } });
  let mailbox = await findMailbox();
  if (input.createMailbox) {
    if (mailbox) result.mailbox = "already";
    else if (!input.clientConfigurationId) {
      result.mailbox = "failed";
      result.problem = "mailboxes.form.configurationRequired";
    } else {
      try {
        await createMailbox(ctx, {
          address,
          displayName: "",
          clientConfigurationId: input.clientConfigurationId,
          members: [],
        });
        result.mailbox = "done";
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.mailbox = "failed";
        result.problem = Object.values(error.fieldErrors ?? {})[0] ?? error.messageKey;
      }
      mailbox = await findMailbox();
    }
  }
  if (input.sendLink) {
    if (!mailbox) {
      result.link = "failed";
      result.problem ??= "migration.errors.noMailboxForLink";
    } else if (mailbox.state === "connected") result.link = "already";
    else {
      const sent = await createConnectLinks(ctx, { ids: [mailbox.id], expiresInDays: 14 });
      // The link exists either way; a mail that failed is worth saying (sending again replaces it).
      if (sent.links.every((link) => link.mailed)) result.link = "done";
      else {
        result.link = "failed";
        result.problem ??= "migration.errors.linkNotMailed";
      }
    }
  }
  if (input.createCredential) {
    const existing = await db.migrationSender.findUnique({
      where: { tenantId_address: { tenantId: ctx.tenantId, address } },
      select: { relayCredentialId: true },
    });
    const live = existing?.relayCredentialId
      ? await db.relayCredential.findFirst({
          where: { tenantId: ctx.tenantId, id: existing.relayCredentialId, revokedAt: null },
          select: { id: true },
        })
      : null;
    if (live) result.credential = "already";
    else if (!mailbox) {
      result.credential = "failed";
      result.problem ??= "migration.errors.noMailboxForCredential";
    } else {
      const created = await createRelayCredential(ctx, {
        // Named after the sender it replaces, which is what the admin recognises.
        name: address.slice(0, 100),
        mailboxIds: [mailbox.id],
        fromPolicy: "fixed_keep_name",
        allowedNetworks: [],
        dailyCap: null,
      });
      await db.$transaction(async (tx) => {
        await tx.migrationSender.upsert({
          where: { tenantId_address: { tenantId: ctx.tenantId, address } },
          create: { tenantId: ctx.tenantId, address, relayCredentialId: created.id },
          update: { relayCredentialId: created.id, regressionImportId: null },
        });
        await recordAudit(tx, ctx, {
          action: "migration.sender_moved",
          targetType: "migration_sender",
          targetLabel: address,
          details: { credential: created.username },
        });
      });
      result.credential = "done";
      result.newCredential = { id: created.id, username: created.username, password: created.password };
    }
  }
  return result;
}
