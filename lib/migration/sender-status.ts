/** Where one sender of the plan stands. */
export type SenderStatus =
  /** Its latest report line says OAuth: nothing to do. */
  | "oauth"
  /** Its relay credential was used in the last 7 days. */
  | "moved"
  /** In a report whose whole period is after its credential was made, still on Basic. */
  | "still_basic"
  /** A credential was made but never used. */
  | "waiting"
  /** Its credential was used, but not in the last 7 days. */
  | "quiet"
  /** Nothing done yet. */
  | "to_do";

/** What the planner proposes for the sender's mailbox. */
export type MailboxProposal = "connected" | "send_link" | "create_mailbox";

/** The relay listener a password sender needs, from the TLS versions it used. */
export type ListenerNeed = "tls" | "legacy" | "plain";

export const MOVED_WITHIN_MS = 7 * 86_400_000;

export function listenerNeed(line: {
  tls10Percent: number;
  tls11Percent: number;
  tls12Percent: number;
}): ListenerNeed {
  if (line.tls10Percent > 0 || line.tls11Percent > 0) return "legacy";
  if (line.tls12Percent > 0) return "tls";
  return "plain";
}

export function mailboxProposal(mailbox: { state: string } | null): MailboxProposal {
  if (!mailbox) return "create_mailbox";
  return mailbox.state === "connected" ? "connected" : "send_link";
}

export type StatusInput = {
  latestAuth: "basic" | "oauth" | "unknown";
  credential: {
    createdAt: Date;
    firstUsedAt: Date | null;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  } | null;
  /**
   * The sender's line in the latest imported report, when that report lists it: the start of
   * the report's period, and whether the line says it still sent with a password.
   */
  inLatestReport: { periodStart: Date; onBasic: boolean } | null;
};

/**
 * Whether a report whose period starts at `periodStart` and lists the sender on Basic shows
 * it on Basic after it moved: the whole period after its credential's first use (or, never
 * used, after the credential was made). The regression mail asks the same of a new import.
 */
export function backOnBasic(
  credential: { createdAt: Date; firstUsedAt: Date | null },
  periodStart: Date,
): boolean {
  return periodStart > (credential.firstUsedAt ?? credential.createdAt);
}

export function senderStatus(input: StatusInput, now: Date): SenderStatus {
  const { credential, inLatestReport } = input;
  if (!credential || credential.revokedAt) return input.latestAuth === "oauth" ? "oauth" : "to_do";
  if (inLatestReport?.onBasic && backOnBasic(credential, inLatestReport.periodStart)) return "still_basic";
  if (credential.lastUsedAt && now.getTime() - credential.lastUsedAt.getTime() <= MOVED_WITHIN_MS)
    return "moved";
  if (!credential.firstUsedAt) return input.latestAuth === "oauth" ? "oauth" : "waiting";
  return "quiet";
}
