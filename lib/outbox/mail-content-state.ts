import type { OutgoingMailStatus } from "@/lib/db/generated/enums";

const DAY_MS = 86_400_000;

/**
 * What became of a mail's content (subject, body, attachments) under its
 * school's retention period (docs/personal-data.md):
 * - `waiting`: not finished; kept, and deleted `retentionDays` after it finishes;
 * - `kept`: finished; deleted after `deleteAfter` (the workers' chore runs every few minutes);
 * - `deleted`: gone since `deletedAt`, after `afterDays` days, or by an erasure (`afterDays` null).
 */
export type MailContentState =
  | { state: "waiting"; retentionDays: number }
  | { state: "kept"; retentionDays: number; deleteAfter: Date }
  | { state: "deleted"; deletedAt: Date; afterDays: number | null };

export function mailContentState(
  mail: {
    status: OutgoingMailStatus;
    sentAt: Date | null;
    updatedAt: Date;
    bodyPurgedAt: Date | null;
    bodyPurgedAfterDays: number | null;
  },
  retentionDays: number,
): MailContentState {
  if (mail.bodyPurgedAt) {
    return { state: "deleted", deletedAt: mail.bodyPurgedAt, afterDays: mail.bodyPurgedAfterDays };
  }
  if (mail.status !== "sent" && mail.status !== "failed" && mail.status !== "cancelled") {
    return { state: "waiting", retentionDays };
  }
  // As the chore counts (lib/outbox/purge-mail-bodies.ts).
  const finished = mail.status === "sent" ? (mail.sentAt ?? mail.updatedAt) : mail.updatedAt;
  return { state: "kept", retentionDays, deleteAfter: new Date(finished.getTime() + retentionDays * DAY_MS) };
}
