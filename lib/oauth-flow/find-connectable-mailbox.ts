import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { mailboxScope } from "@/lib/auth/mailbox-scope";
import { effectiveTransport, type MailTransport } from "@/lib/transports/mail-transports";
import { scopesToRequest } from "@/lib/transports/transport-scopes";
import type { FlowActor } from "./flow-actor";

const configurationColumns = {
  id: true,
  provider: true,
  clientId: true,
  clientSecretCipher: true,
  authorizationEndpoint: true,
  tokenEndpoint: true,
  deviceEndpoint: true,
  revocationEndpoint: true,
  scopes: true,
  pkce: true,
  smtpHost: true,
  smtpPort: true,
  smtpSecurity: true,
  transport: true,
  apiBaseUrl: true,
} as const satisfies Prisma.ClientConfigurationSelect;

export const connectableMailboxColumns = {
  id: true,
  tenantId: true,
  address: true,
  state: true,
  connectedAt: true,
  transport: true,
  delegateAccount: true,
  clientConfiguration: { select: configurationColumns },
} as const satisfies Prisma.MailboxSelect;

type ConnectableRow = Prisma.MailboxGetPayload<{ select: typeof connectableMailboxColumns }>;

/**
 * A mailbox ready for a flow: `transport` is the one it sends through, and
 * its configuration's `scopes` are what its consent asks for
 * (scopesToRequest: the mailbox's own transport's, a delegate's).
 */
export type ConnectableMailbox = Omit<ConnectableRow, "transport"> & { transport: MailTransport };
export type FlowConfiguration = ConnectableMailbox["clientConfiguration"];

export function asConnectable(row: ConnectableRow): ConnectableMailbox {
  const config = row.clientConfiguration;
  return {
    ...row,
    transport: effectiveTransport(config, row),
    clientConfiguration: { ...config, scopes: scopesToRequest(config, row) },
  };
}

/**
 * The mailboxes `actor` may (re)connect, as a `where`: for a person
 * mailboxScope "connect" (the tenant, and assigned to them unless they may
 * connect any), for a link its one pinned mailbox in its tenant. Its
 * configuration is the same tenant's: the database's composite keys guarantee
 * it (docs/tenant-scoping.md).
 */
export function connectableMailboxWhere(actor: FlowActor): Prisma.MailboxWhereInput {
  if (actor.kind === "link") {
    const tenantId = actor.link.tenantId;
    return { id: actor.link.mailboxId, tenantId };
  }
  return mailboxScope(actor.ctx, "connect");
}

export async function findConnectableMailbox(
  actor: FlowActor,
  mailboxId: string,
): Promise<ConnectableMailbox> {
  if (!isUuid(mailboxId)) throw notFound();
  const db = await getDb();
  const mailbox = await db.mailbox.findFirst({
    where: { AND: [{ id: mailboxId }, connectableMailboxWhere(actor)] },
    select: connectableMailboxColumns,
  });
  if (!mailbox) throw notFound();
  return asConnectable(mailbox);
}
