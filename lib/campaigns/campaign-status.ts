/** Where one member of a campaign stands, most advanced first. */
export const campaignStatuses = [
  "reconnected",
  "opened",
  "asked",
  "expired",
  "mail_failed",
  "waiting",
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export interface CampaignMemberFacts {
  /** The mailbox is connected, and connected since it joined the campaign (by any path). */
  reconnected: boolean;
  askedAt: Date | null;
  openedAt: Date | null;
  mailFailedAt: Date | null;
  /** The member's latest link; null once deleted. */
  link: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null } | null;
}

/**
 * A member's status in words' terms: reconnected whatever the path; waiting
 * before its first link; mail failed when the latest mail was refused; link
 * expired when its latest link can no longer be used (past its end, or
 * replaced by another link since); opened once a link's page was opened;
 * else asked.
 */
export function campaignMemberStatus(member: CampaignMemberFacts, now = new Date()): CampaignStatus {
  if (member.reconnected) return "reconnected";
  if (!member.askedAt) return "waiting";
  if (member.mailFailedAt) return "mail_failed";
  const link = member.link;
  if (!link || link.usedAt || link.revokedAt || link.expiresAt <= now) return "expired";
  if (member.openedAt) return "opened";
  return "asked";
}

/** A mailbox counts as reconnected for a campaign when it connected since it joined it. */
export function reconnectedSince(mailbox: { state: string; connectedAt: Date | null }, since: Date): boolean {
  return mailbox.state === "connected" && mailbox.connectedAt !== null && mailbox.connectedAt >= since;
}
