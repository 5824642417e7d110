import type { MailToSend } from "./pick-due-mail";

export type Unsendable = { status: "held" | "cancelled"; reason: string };

/**
 * Why a mailbox cannot send now, or null: revoked (its mail is cancelled),
 * not connected or paused by a quota answer (its mail is held until then).
 */
export function unsendableReason(mailbox: MailToSend["mailbox"], now: Date): Unsendable | null {
  if (mailbox.state === "revoked") return { status: "cancelled", reason: "mailbox_revoked" };
  if (mailbox.state !== "connected") return { status: "held", reason: `mailbox_${mailbox.state}` };
  if (mailbox.pausedUntil && mailbox.pausedUntil > now) return { status: "held", reason: "mailbox_paused" };
  return null;
}
