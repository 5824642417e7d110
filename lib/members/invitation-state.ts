export type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;
export const invitationLifetimeDays = invitationLifetimeMs / (24 * 60 * 60 * 1000);

interface InvitationDates {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  tenant?: { suspendedAt: Date | null };
}

/** What a link is worth; an invitation to a suspended tenant leads nowhere, like an unknown one. */
export function invitationState(invitation: InvitationDates | null, now = new Date()): InvitationState {
  if (!invitation || invitation.tenant?.suspendedAt) return "unknown";
  if (invitation.acceptedAt) return "used";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "valid";
}
