"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { mailboxPermissionFor } from "@/lib/auth/mailbox-scope";
import { revokeConnection, revokeConnections, type RevocationResult } from "./revoke-connection";
import { revokeConnectionInput, revokeConnectionsInput } from "./revocation-schemas";

// Members may revoke their own assigned mailboxes, admins any: the wrapper
// asks for the narrower permission, which both hold, and revokeConnection
// scopes the mailboxes by mailboxScope "revoke".

function refreshPages(ctx: TenantContext, results: RevocationResult[]) {
  revalidatePath(`/t/${ctx.tenantSlug}/my-mailboxes`);
  revalidatePath(`/t/${ctx.tenantSlug}/mailboxes`);
  for (const { mailboxId } of results) revalidatePath(`/t/${ctx.tenantSlug}/mailboxes/${mailboxId}`);
  return results.map(({ mailboxId, address, outcome, cancelledMail, messageKey }) => ({
    mailboxId,
    address,
    outcome,
    cancelledMail,
    messageKey,
  }));
}

export const revokeConnectionAction = tenantAction(
  mailboxPermissionFor("revoke"),
  revokeConnectionInput,
  async (ctx, input) => {
    const [result] = refreshPages(ctx, [await revokeConnection(ctx, input.id)]);
    return result!;
  },
);

export const revokeConnectionsAction = tenantAction(
  mailboxPermissionFor("revoke"),
  revokeConnectionsInput,
  async (ctx, input) => refreshPages(ctx, await revokeConnections(ctx, input.ids)),
);
