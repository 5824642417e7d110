import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { queueProviderRevocation } from "@/lib/revocation/queue-provider-revocation";
import { askProviderNow, revocationDetail } from "@/lib/revocation/revoke-connection";
import { effectiveTransport } from "@/lib/transports/mail-transports";
import { lockTransportMailboxes, settleTransportChange } from "@/lib/transports/settle-transport-change";
import { transportProblem } from "@/lib/transports/transport-problem";
import { isUuid } from "@/lib/ids/is-uuid";
import type { Prisma } from "@/lib/db/generated/client";
import { fieldError } from "@/lib/errors/field-error";
import type { UpdateMailboxInput } from "./mailbox-schemas";
import { delegateAccountOf, transportOverrideOf } from "./mailbox-sending";

/**
 * Tokens are issued to one OAuth client: under another configuration they
 * are worthless (a refresh would be refused as invalid_grant), so the
 * mailbox starts again from "not connected" and its owner connects it anew.
 */
export const connectionReset = {
  state: "pending",
  accessTokenCipher: null,
  refreshTokenCipher: null,
  accessTokenExpiresAt: null,
  refreshTokenExpiresAt: null,
  grantedScopes: [],
  authorizedAccount: null,
  connectedAt: null,
  lastRefreshAt: null,
  lastErrorCode: null,
  lastErrorAt: null,
  ownersNotifiedAt: null,
  unknownErrorSince: null,
  providerRevocation: null,
  providerRevocationCode: null,
} satisfies Prisma.MailboxUpdateManyMutationInput;

const configurationColumns = {
  id: true,
  clientId: true,
  name: true,
  provider: true,
  revocationEndpoint: true,
  apiBaseUrl: true,
  transport: true,
} as const;

/**
 * Renames a mailbox, moves it to another of the tenant's configurations,
 * changes how it sends ("Send through") or who connects it ("Sent as by a
 * delegate"). Moving it or changing its delegate disconnects it: the grant
 * was the old client's or the old delegate's, and is withdrawn at the old
 * configuration's provider, as a revocation withdraws it. Another transport
 * alone keeps the connection, which must consent again when its grant lacks
 * the new sending scope (lib/transports/settle-transport-change.ts).
 */
export async function updateMailbox(ctx: TenantContext, input: UpdateMailboxInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  const updated = await db.$transaction(async (tx) => {
    const [locked] = await lockTransportMailboxes(tx, ctx.tenantId, { mailboxId: input.id });
    if (!locked) throw notFound();
    const mailbox = await tx.mailbox.findFirstOrThrow({
      where: { id: input.id, tenantId: ctx.tenantId },
      select: {
        id: true,
        address: true,
        displayName: true,
        state: true,
        tenantId: true,
        accessTokenCipher: true,
        refreshTokenCipher: true,
        clientConfigurationId: true,
        transport: true,
        delegateAccount: true,
        clientConfiguration: { select: configurationColumns },
      },
    });
    const moved = input.clientConfigurationId !== mailbox.clientConfigurationId;
    let configuration = mailbox.clientConfiguration;
    if (moved) {
      const target = await tx.clientConfiguration.findFirst({
        where: { id: input.clientConfigurationId, tenantId: ctx.tenantId },
        select: configurationColumns,
      });
      if (!target) throw fieldError("clientConfigurationId", "mailboxes.form.configurationUnknown");
      configuration = target;
    }
    const delegateAccount =
      input.delegateAccount === undefined
        ? mailbox.delegateAccount
        : delegateAccountOf(input.delegateAccount, mailbox.address);
    const delegateChanged = delegateAccount !== mailbox.delegateAccount;
    // Absent: the stored choice, dropped when the (new) configuration cannot send that way.
    const kept =
      mailbox.transport && !transportProblem(configuration, mailbox.transport) ? mailbox.transport : null;
    const transport = transportOverrideOf(
      configuration,
      input.transport === undefined ? kept : input.transport,
    );
    const transportBefore = effectiveTransport(mailbox.clientConfiguration, mailbox);
    const transportAfter = effectiveTransport(configuration, { transport });

    // The grant belongs to the client that issued it and to the account that gave it.
    const reset = moved || delegateChanged;
    // Whether there was anything to lose: a pending mailbox that never held a token loses nothing.
    const heldTokens = mailbox.refreshTokenCipher !== null || mailbox.accessTokenCipher !== null;
    const disconnected = reset && (mailbox.state !== "pending" || heldTokens);
    const revocation =
      reset && heldTokens ? await queueProviderRevocation(tx, mailbox, mailbox.clientConfiguration) : null;
    const { count } = await tx.mailbox.updateMany({
      where: { id: mailbox.id, tenantId: ctx.tenantId },
      data: {
        displayName: input.displayName,
        transport,
        delegateAccount,
        ...(moved ? { clientConfigurationId: input.clientConfigurationId } : {}),
        ...(reset ? connectionReset : {}),
      },
    });
    if (count !== 1) throw notFound();
    const settled =
      !reset && transportAfter !== transportBefore
        ? await settleTransportChange(tx, ctx.tenantId, configuration, [{ ...locked, transport }])
        : null;
    const stateChange = settled?.changes[0];
    await recordAudit(tx, ctx, {
      action: "mailbox.updated",
      targetType: "mailbox",
      targetId: mailbox.id,
      targetLabel: mailbox.address,
      details: {
        ...(input.displayName !== mailbox.displayName
          ? { displayName: { from: mailbox.displayName, to: input.displayName } }
          : {}),
        ...(moved
          ? { configuration: { from: mailbox.clientConfiguration.name, to: configuration.name } }
          : {}),
        ...(transportAfter !== transportBefore || transport !== mailbox.transport
          ? {
              transport: { from: transportBefore, to: transportAfter },
              followsConfiguration: transport === null,
            }
          : {}),
        ...(delegateChanged
          ? { delegateAccount: { from: mailbox.delegateAccount, to: delegateAccount } }
          : {}),
        ...(reset
          ? {
              previousState: mailbox.state,
              disconnected,
              ...(revocation ? { providerRevocation: revocationDetail(revocation) } : {}),
            }
          : {}),
        ...(stateChange ? { state: { from: stateChange.from, to: stateChange.to } } : {}),
        ...(settled && settled.releasedMail > 0 ? { releasedMail: settled.releasedMail } : {}),
      },
    });
    return {
      id: mailbox.id,
      address: mailbox.address,
      moved,
      disconnected,
      delegateChanged,
      transport: transportAfter,
      /** The new transport needs a permission its grant lacks: it must be connected again. */
      mustReconsent: (settled?.mustReconsent.length ?? 0) > 0,
      revocation,
    };
  });
  const { revocation, ...result } = updated;
  if (revocation) await askProviderNow(ctx.tenantId, revocation);
  return result;
}
