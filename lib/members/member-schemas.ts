import { z } from "zod";

// Shared by the server actions (which parse forms with them) and the domain
// functions (whose input types come from them). Messages are catalog keys.

const role = z.enum(["admin", "member"], { error: "errors.validation.invalid" });
const id = z.uuid({ error: "errors.validation.invalid" });
const token = z
  .string({ error: "errors.validation.required" })
  .min(1, { error: "errors.validation.required" })
  .max(200, { error: "errors.validation.tooLong" });

export const inviteMemberInput = z.object({
  email: z
    .string({ error: "errors.validation.required" })
    .trim()
    .max(254, { error: "errors.validation.tooLong" })
    .pipe(z.email({ error: "errors.validation.email" })),
  role,
});
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;

export const membershipInput = z.object({ membershipId: id });
export type MembershipInput = z.infer<typeof membershipInput>;

export const changeMemberRoleInput = z.object({ membershipId: id, role });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleInput>;

export const invitationInput = z.object({ invitationId: id });
export type InvitationInput = z.infer<typeof invitationInput>;

export const invitationTokenInput = z.object({ token });

// Which of name and password are required depends on the invitee's account,
// which only the domain function knows; it checks them and answers field errors.
export const acceptInvitationInput = z.object({
  token,
  name: z.string().max(200, { error: "errors.validation.tooLong" }).optional(),
  password: z.string().max(1000, { error: "members.accept.errors.passwordTooLong" }).optional(),
  passwordConfirmation: z.string().max(1000).optional(),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>;
