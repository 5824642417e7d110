"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { publicAction, tenantAction } from "@/lib/actions/define-action";
import { getSessionUser } from "@/lib/auth/session";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { clientIp } from "@/lib/http/client-ip";
import { acceptInvitation } from "./accept-invitation";
import { changeMemberRole } from "./change-member-role";
import { inviteMember } from "./invite-member";
import { eraseMember } from "./member-personal-data";
import {
  acceptInvitationInput,
  changeMemberRoleInput,
  invitationInput,
  invitationTokenInput,
  inviteMemberInput,
  membershipInput,
} from "./member-schemas";
import { removeMember } from "./remove-member";
import { requestNewInvitation } from "./request-new-invitation";
import { resendInvitation } from "./resend-invitation";
import { revokeInvitation } from "./revoke-invitation";

async function refreshMembersPage<R>(ctx: TenantContext, result: R): Promise<R> {
  revalidatePath(`/t/${ctx.tenantSlug}/members`);
  return result;
}

export const inviteMemberAction = tenantAction("members.write", inviteMemberInput, async (ctx, input) =>
  refreshMembersPage(ctx, await inviteMember(ctx, input)),
);

export const revokeInvitationAction = tenantAction("members.write", invitationInput, async (ctx, input) =>
  refreshMembersPage(ctx, await revokeInvitation(ctx, input)),
);

export const resendInvitationAction = tenantAction("members.write", invitationInput, async (ctx, input) =>
  refreshMembersPage(ctx, await resendInvitation(ctx, input)),
);

export const changeMemberRoleAction = tenantAction(
  "members.write",
  changeMemberRoleInput,
  async (ctx, input) => refreshMembersPage(ctx, await changeMemberRole(ctx, input)),
);

export const removeMemberAction = tenantAction("members.write", membershipInput, async (ctx, input) =>
  refreshMembersPage(ctx, await removeMember(ctx, input)),
);

export const eraseMemberAction = tenantAction("members.write", membershipInput, async (ctx, input) =>
  refreshMembersPage(ctx, await eraseMember(ctx, input)),
);

/** Public: the link is the credential; an account with a password must also be signed in. */
export const acceptInvitationAction = publicAction(acceptInvitationInput, async (input) => {
  const user = await getSessionUser();
  return acceptInvitation(input, user, clientIp(await headers()));
});

export const requestNewInvitationAction = publicAction(invitationTokenInput, async ({ token }) =>
  requestNewInvitation(token, clientIp(await headers())),
);
