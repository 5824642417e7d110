import { getDb } from "@/lib/db/client";
import type { StoreConnectionInput } from "@/lib/oauth-flow/store-connection-tokens";

/** What a flow started now for this mailbox would give its grant to: its configuration and delegate. */
export async function issuedToNow(mailboxId: string): Promise<StoreConnectionInput["issuedTo"]> {
  const db = await getDb();
  const mailbox = await db.mailbox.findUniqueOrThrow({
    where: { id: mailboxId },
    select: {
      delegateAccount: true,
      clientConfiguration: { select: { id: true, provider: true, clientId: true, revocationEndpoint: true } },
    },
  });
  return { configuration: mailbox.clientConfiguration, delegateAccount: mailbox.delegateAccount };
}
