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
  /** Starts of the periods of the imports that list the sender on Basic (or unknown). */
  basicPeriodStarts: Date[];
};

export function senderStatus(input: StatusInput, now: Date): SenderStatus {
  const { credential } = input;
  if (!credential || credential.revokedAt) return input.latestAuth === "oauth" ? "oauth" : "to_do";
  if (input.basicPeriodStarts.some((start) => start > credential.createdAt)) {
    const backOnBasicAfterUse = input.basicPeriodStarts.some(
      (start) => start > credential.createdAt && (!credential.lastUsedAt || start > credential.lastUsedAt),
    );
    if (backOnBasicAfterUse || !credential.lastUsedAt) return "still_basic";
  }
  if (credential.lastUsedAt && now.getTime() - credential.lastUsedAt.getTime() <= MOVED_WITHIN_MS)
    return "moved";
  if (!credential.firstUsedAt) return input.latestAuth === "oauth" ? "oauth" : "waiting";
  return "quiet";
}
