export type ConnectLinkState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** Default and bounds of a connect link's lifetime, in days (the form offers 1–30). */
export const connectLinkLifetime = { defaultDays: 7, minDays: 1, maxDays: 30 } as const;

interface ConnectLinkDates {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  tenantSuspended?: boolean;
}

/**
 * What a link is worth. A used link stays "used" after it expires, so that
 * its owner reads that the mailbox was connected, not that they were late;
 * a link of a suspended school leads nowhere, like an unknown one.
 */
export function connectLinkState(link: ConnectLinkDates | null, now = new Date()): ConnectLinkState {
  if (!link || link.tenantSuspended) return "unknown";
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt <= now) return "expired";
  return "valid";
}
