import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { accessTokenAad } from "@/lib/tokens/token-aad";
import { liveAccessToken, REFRESH_MARGIN_MS, refreshMarginMs } from "@/lib/tokens/live-access-token";

beforeAll(() => {
  process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
});

const issued = new Date("2026-12-07T08:00:00Z");
const at = (ms: number) => new Date(issued.getTime() + ms);

function row(lifetimeMs: number) {
  const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  return {
    id,
    state: "connected",
    accessTokenCipher: encryptSecret("ya29.short-lived", accessTokenAad(id)),
    accessTokenExpiresAt: at(lifetimeMs),
    lastRefreshAt: issued,
    connectedAt: new Date(issued.getTime() - 86_400_000),
  };
}

describe("the refresh margin", () => {
  it("is five minutes for an hour-long token", () => {
    const token = row(3_600_000);
    expect(refreshMarginMs(token, token.accessTokenExpiresAt)).toBe(REFRESH_MARGIN_MS);
    expect(liveAccessToken(token, at(3_600_000 - REFRESH_MARGIN_MS - 1000))?.accessToken).toBe(
      "ya29.short-lived",
    );
    expect(liveAccessToken(token, at(3_600_000 - REFRESH_MARGIN_MS + 1000))).toBeNull();
  });

  it("scales with a token shorter than the margin, so that it serves several mails", () => {
    // Five-second tokens: a fixed five-minute margin refreshed before every mail.
    const token = row(5_000);
    expect(refreshMarginMs(token, token.accessTokenExpiresAt)).toBe(1_250);
    expect(liveAccessToken(token, at(0))?.accessToken).toBe("ya29.short-lived");
    expect(liveAccessToken(token, at(3_500))?.accessToken).toBe("ya29.short-lived");
    expect(liveAccessToken(token, at(4_000))).toBeNull();
  });

  it("counts the lifetime from the later of the last refresh and the last connection", () => {
    const token = { ...row(5_000), lastRefreshAt: new Date(issued.getTime() - 600_000), connectedAt: issued };
    expect(refreshMarginMs(token, token.accessTokenExpiresAt)).toBe(1_250);
  });
});
