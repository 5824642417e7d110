"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { assignMailboxMembers } from "./assign-mailbox-members";
import { createMailbox } from "./create-mailbox";
import { deleteMailbox } from "./delete-mailbox";
import {
  assignMailboxMembersInput,
  createMailboxInput,
  mailboxIdInput,
  updateMailboxInput,
} from "./mailbox-schemas";
import { runPreflight } from "./run-preflight";
import { updateMailbox } from "./update-mailbox";

async function refreshMailboxPages<R>(ctx: TenantContext, result: R): Promise<R> {
  revalidatePath(`/t/${ctx.tenantSlug}/mailboxes`, "layout");
  revalidatePath(`/t/${ctx.tenantSlug}/my-mailboxes`);
  return result;
}

export const createMailboxAction = tenantAction("mailboxes.write", createMailboxInput, async (ctx, input) =>
  refreshMailboxPages(ctx, await createMailbox(ctx, input)),
);

export const updateMailboxAction = tenantAction("mailboxes.write", updateMailboxInput, async (ctx, input) =>
  refreshMailboxPages(ctx, await updateMailbox(ctx, input)),
);

export const assignMailboxMembersAction = tenantAction(
  "mailboxes.write",
  assignMailboxMembersInput,
  async (ctx, input) => refreshMailboxPages(ctx, await assignMailboxMembers(ctx, input)),
);

export const deleteMailboxAction = tenantAction("mailboxes.write", mailboxIdInput, async (ctx, input) =>
  refreshMailboxPages(ctx, await deleteMailbox(ctx, input)),
);

/** The preflight check (lib/mailboxes/run-preflight.ts): a token, the scopes, one SMTP sign-in; nothing sent. */
export const runPreflightAction = tenantAction("mailboxes.write", mailboxIdInput, (ctx, input) =>
  runPreflight(ctx, input),
);
