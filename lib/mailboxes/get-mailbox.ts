import { notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { deviceFlowAvailable } from "@/lib/clients/device-flow-available";
import {
  healthOfMailbox,
  loadMailboxHealthExtras,
  mailboxHealthSelect,
} from "@/lib/mailbox-health/load-mailbox-health";
import { isUuid } from "@/lib/ids/is-uuid";
import { effectiveTransport } from "@/lib/transports/mail-transports";
import { scopesToRequest } from "@/lib/transports/transport-scopes";
import { missingScopes } from "@/lib/oauth/missing-scopes";
import { storedPreflight } from "@/lib/preflight/preflight-words";
import { mailboxScope } from "@/lib/auth/mailbox-scope";

/**
 * One mailbox for its page: everything but the token ciphertexts, which are
 * not even loaded; `hasRefreshToken` says whether one is held. Only a
 * mailbox the person sees (mailboxScope "see": an admin any, a member those
 * assigned to them); any other answers "not found".
 */
export async function getMailbox(ctx: TenantContext, id: string) {
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const where = { AND: [{ id }, mailboxScope(ctx, "see")] };
  const [mailbox, extras] = await Promise.all([
    db.mailbox.findFirst({
      where,
      select: {
        ...mailboxHealthSelect,
        id: true,
        address: true,
        displayName: true,
        state: true,
        grantedScopes: true,
        accessTokenExpiresAt: true,
        refreshTokenExpiresAt: true,
        authorizedAccount: true,
        connectedAt: true,
        lastRefreshAt: true,
        lastUsedAt: true,
        lastErrorCode: true,
        lastErrorAt: true,
        createdAt: true,
        transport: true,
        delegateAccount: true,
        lastPreflightAt: true,
        lastPreflight: true,
        clientConfiguration: {
          select: {
            // The health line's columns, and the page's.
            ...mailboxHealthSelect.clientConfiguration.select,
            id: true,
            name: true,
            provider: true,
            scopes: true,
            defaultFlow: true,
            deviceEndpoint: true,
            brokenAt: true,
            brokenReason: true,
            transport: true,
            apiBaseUrl: true,
          },
        },
        assignments: {
          where: { tenantId: ctx.tenantId },
          select: { user: { select: { id: true, email: true, name: true } } },
          orderBy: { user: { email: "asc" } },
        },
      },
    }),
    // Read for this id before the mailbox is known to be visible: nothing of it is returned unless it is.
    loadMailboxHealthExtras(ctx.tenantId, [id]),
  ]);
  if (!mailbox) throw notFound();
  const health = healthOfMailbox(mailbox, extras);
  const { clientConfiguration, assignments, lastPreflight, lastPreflightAt, ...row } = mailbox;
  const stored = storedPreflight(lastPreflight);
  const { deviceEndpoint, ...configuration } = clientConfiguration;
  // Before any grant every scope is still to come, not "missing".
  const granted = row.grantedScopes.length > 0 || row.state === "insufficient_scope";
  // What its consent asks for: its own transport's sending scopes when it has one, a delegate's too.
  const required = scopesToRequest(configuration, row);
  return {
    ...row,
    configuration,
    /** How its mail leaves: its own transport, else its configuration's. */
    effectiveTransport: effectiveTransport(configuration, row),
    hasRefreshToken: extras.withRefreshToken.has(mailbox.id),
    /** Its health line: the same words as the list's and "My mailboxes"'. */
    health,
    deviceFlow: deviceFlowAvailable({ provider: configuration.provider, deviceEndpoint }),
    requiredScopes: required,
    missingScopes: granted ? missingScopes(required, row.grantedScopes) : [],
    members: assignments.map((a) => a.user),
    canManage: can(ctx, "mailboxes.write"),
    /** Its latest preflight check, whoever ran it; null: none yet (or one no longer readable). */
    lastPreflight: stored && lastPreflightAt ? { at: lastPreflightAt, ...stored } : null,
  };
}

export type MailboxDetails = Awaited<ReturnType<typeof getMailbox>>;
