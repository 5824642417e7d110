import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb, type DbTransaction } from "@/lib/db/client";
import { auditEntryRow, slices } from "@/lib/audit/audit-entry-rows";
import { fieldError } from "@/lib/errors/field-error";
import { isUuid } from "@/lib/ids/is-uuid";
import { effectiveTransport, type MailTransport } from "./mail-transports";
import {
  lockTransportMailboxes,
  settleTransportChange,
  TRANSPORT_NEEDS_CONSENT,
  type LockedTransportMailbox,
  type TransportSettlement,
} from "./settle-transport-change";
import { transportProblem, type TransportProblem } from "./transport-problem";
import { presetScopesFor } from "./transport-scopes";

export type SwitchTransportInput = {
  /** A whole configuration (its mailboxes that follow it), or one mailbox (an override). */
  target: "configuration" | "mailbox";
  id: string;
  transport: MailTransport;
};

export type SwitchTransportResult = {
  transport: MailTransport;
  /** False when the target already sent this way: nothing was written. */
  changed: boolean;
  mustReconsent: TransportSettlement["mustReconsent"];
  /** Mailboxes that can send again (SMTP AUTH was off for them), and how much held mail went back to the queue. */
  resumed: { id: string; address: string }[];
  releasedMail: number;
};

function refuse(problem: TransportProblem): never {
  if (problem === "not_offered") throw fieldError("transport", "clients.validation.transportNotOffered");
  throw new DomainError("invalid_input", "clients.switch.apiBaseUrlMissing");
}

/**
 * Moves a configuration, or one mailbox, to another transport (SMTP, Graph,
 * Gmail API), in one transaction: the transport (and, for the presets, the
 * configuration's scopes: presetScopesFor), the audit entry, and the state of
 * every affected connection (settleTransportChange): those whose grant lacks
 * the new sending scope must consent again, their mail held meanwhile; those
 * stopped because SMTP AUTH is off send again. Returns who must re-consent.
 */
export async function switchTransport(
  ctx: TenantContext,
  input: SwitchTransportInput,
): Promise<SwitchTransportResult> {
  if (input.target === "configuration") {
    if (!can(ctx, "clients.write")) throw forbidden();
    if (!isUuid(input.id)) throw notFound();
  } else {
    if (!can(ctx, "mailboxes.write")) throw forbidden();
    if (!isUuid(input.id)) throw notFound();
  }
  const db = await getDb();
  return db.$transaction((tx) =>
    input.target === "configuration"
      ? switchConfiguration(tx, ctx, input.id, input.transport)
      : switchMailbox(tx, ctx, input.id, input.transport),
  );
}

async function switchConfiguration(
  tx: DbTransaction,
  ctx: TenantContext,
  id: string,
  transport: MailTransport,
): Promise<SwitchTransportResult> {
  // The mailboxes first, then the configuration (see lockTransportMailboxes).
  const mailboxes = await lockTransportMailboxes(tx, ctx.tenantId, { clientConfigurationId: id });
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ClientConfiguration"
    WHERE "id" = ${id}::uuid AND "tenantId" = ${ctx.tenantId}::uuid
    FOR UPDATE`;
  if (locked.length !== 1) throw notFound();
  const config = await tx.clientConfiguration.findFirstOrThrow({
    where: { id, tenantId: ctx.tenantId },
    select: { id: true, name: true, provider: true, apiBaseUrl: true, transport: true, scopes: true },
  });
  const problem = transportProblem(config, transport);
  if (problem) refuse(problem);
  if (config.transport === transport) return unchanged(transport, mailboxes);
  const scopes = config.provider === "custom" ? config.scopes : presetScopesFor(config.provider, transport);
  const scopesChanged = scopes.join(" ") !== config.scopes.join(" ");
  await tx.clientConfiguration.updateMany({
    where: { id, tenantId: ctx.tenantId },
    data: { transport, scopes },
  });
  const settled = await settleTransportChange(tx, ctx.tenantId, { ...config, transport }, mailboxes);
  await recordAudit(tx, ctx, {
    action: "client.updated",
    targetType: "clientConfiguration",
    targetId: id,
    targetLabel: config.name,
    details: {
      changed: scopesChanged ? ["transport", "scopes"] : ["transport"],
      ...transportAuditDetails(config.transport, transport, settled),
    },
  });
  await recordMailboxChanges(tx, ctx, config.transport, transport, settled);
  return resultOf(transport, true, settled);
}

async function switchMailbox(
  tx: DbTransaction,
  ctx: TenantContext,
  id: string,
  transport: MailTransport,
): Promise<SwitchTransportResult> {
  const [mailbox] = await lockTransportMailboxes(tx, ctx.tenantId, { mailboxId: id });
  if (!mailbox) throw notFound();
  const { clientConfiguration: config } = await tx.mailbox.findFirstOrThrow({
    where: { id, tenantId: ctx.tenantId },
    select: {
      clientConfiguration: { select: { provider: true, apiBaseUrl: true, transport: true } },
    },
  });
  const problem = transportProblem(config, transport);
  if (problem) refuse(problem);
  const before = effectiveTransport(config, mailbox);
  // The configuration's own transport is no override: the mailbox follows it again.
  const override = transport === config.transport ? null : transport;
  if (before === transport && mailbox.transport === override) return unchanged(transport, [mailbox]);
  await tx.mailbox.updateMany({ where: { id, tenantId: ctx.tenantId }, data: { transport: override } });
  const settled = await settleTransportChange(tx, ctx.tenantId, config, [
    { ...mailbox, transport: override },
  ]);
  const change = settled.changes[0];
  await recordAudit(tx, ctx, {
    action: "mailbox.updated",
    targetType: "mailbox",
    targetId: id,
    targetLabel: mailbox.address,
    details: {
      transport: { from: before, to: transport },
      followsConfiguration: override === null,
      ...(change ? { state: { from: change.from, to: change.to } } : {}),
      ...(settled.releasedMail > 0 ? { releasedMail: settled.releasedMail } : {}),
    },
  });
  return resultOf(transport, true, settled);
}

/** The audit details of a configuration's transport change (also written by updateClientConfiguration). */
export function transportAuditDetails(from: MailTransport, to: MailTransport, settled: TransportSettlement) {
  return {
    transport: { from, to },
    mustReconsent: settled.mustReconsent.length,
    resumed: settled.changes.filter((c) => c.to === "connected").length,
    releasedMail: settled.releasedMail,
  };
}

/** One `mailbox.updated` entry per mailbox whose state a configuration's transport change moved. */
export async function recordMailboxChanges(
  tx: DbTransaction,
  ctx: TenantContext,
  from: MailTransport,
  to: MailTransport,
  settled: TransportSettlement,
) {
  const entries = settled.changes.map((change) =>
    auditEntryRow(ctx, {
      action: "mailbox.updated",
      targetType: "mailbox",
      targetId: change.id,
      targetLabel: change.address,
      details: {
        transport: { from, to },
        state: { from: change.from, to: change.to },
        viaConfiguration: true,
      },
    }),
  );
  for (const slice of slices(entries)) await tx.auditEntry.createMany({ data: slice });
}

/** Nothing to change: who still waits for a consent, untouched. */
function unchanged(transport: MailTransport, mailboxes: LockedTransportMailbox[]): SwitchTransportResult {
  const waiting = mailboxes.filter(
    (m) => m.state === "insufficient_scope" && m.lastErrorCode === TRANSPORT_NEEDS_CONSENT,
  );
  return resultOf(transport, false, {
    mustReconsent: waiting.map(({ id, address, delegateAccount }) => ({ id, address, delegateAccount })),
    changes: [],
    releasedMail: 0,
  });
}

function resultOf(
  transport: MailTransport,
  changed: boolean,
  settled: TransportSettlement,
): SwitchTransportResult {
  return {
    transport,
    changed,
    mustReconsent: settled.mustReconsent,
    resumed: settled.changes.filter((c) => c.to === "connected").map(({ id, address }) => ({ id, address })),
    releasedMail: settled.releasedMail,
  };
}
