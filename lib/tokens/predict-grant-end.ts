import { isMicrosoftKind, MICROSOFT_LOGIN_HOST, type ProviderKind } from "@/lib/oauth/presets";

const MICROSOFT_IDLE_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

export type PredictedGrantEnd = { at: Date; reason: "inactivity" | "provider" };

type GrantFacts = {
  provider: ProviderKind;
  tokenEndpoint: string;
  hasRefreshToken: boolean;
  lastRefreshAt: Date | null;
  connectedAt: Date | null;
  refreshTokenExpiresAt: Date | null;
};

function isMicrosoft(facts: GrantFacts): boolean {
  if (isMicrosoftKind(facts.provider)) return true;
  try {
    return new URL(facts.tokenEndpoint).hostname === MICROSOFT_LOGIN_HOST;
  } catch {
    return false;
  }
}

/**
 * When the refresh token will die if nothing happens, where that can be
 * known: the provider announced it (refresh_token_expires_in), or Microsoft's
 * 90 days without use counted from the last refresh. Otherwise null (Google
 * says nothing, not even for an app in Testing that dies after 7 days).
 */
export function predictGrantEnd(facts: GrantFacts): PredictedGrantEnd | null {
  if (!facts.hasRefreshToken) return null;
  const candidates: PredictedGrantEnd[] = [];
  if (facts.refreshTokenExpiresAt) candidates.push({ at: facts.refreshTokenExpiresAt, reason: "provider" });
  const lastUse = facts.lastRefreshAt ?? facts.connectedAt;
  if (isMicrosoft(facts) && lastUse) {
    candidates.push({ at: new Date(lastUse.getTime() + MICROSOFT_IDLE_DAYS * DAY_MS), reason: "inactivity" });
  }
  return candidates.sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;
}
