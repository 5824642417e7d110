import { describe, expect, it } from "vitest";
import {
  parseSecretExpiryDay,
  secretExpiryChange,
  secretExpiryStatus,
  secretReminderThreshold,
} from "@/lib/clients/client-secret-expiry";
import { grantEndWarningThreshold } from "@/lib/notifications/grant-end-warnings";

const DAY = 86_400_000;
const NOW = new Date("2031-05-12T08:00:00Z");
const ending = (days: number, reason: "provider" | "inactivity" | "testing") => ({
  at: new Date(NOW.getTime() + days * DAY),
  reason,
});

describe("warnings of a connection's end", () => {
  it("come at the closest of 14 and 3 days, an inactivity end only at 3", () => {
    expect(grantEndWarningThreshold(ending(20, "provider"), NOW)).toBeNull();
    expect(grantEndWarningThreshold(ending(14, "provider"), NOW)).toBe(14);
    expect(grantEndWarningThreshold(ending(3.5, "testing"), NOW)).toBe(14);
    expect(grantEndWarningThreshold(ending(2, "provider"), NOW)).toBe(3);
    expect(grantEndWarningThreshold(ending(-1, "provider"), NOW)).toBeNull();
    // The keep-alive renews Microsoft's idle connections at least 10 days before their end.
    expect(grantEndWarningThreshold(ending(10, "inactivity"), NOW)).toBeNull();
    expect(grantEndWarningThreshold(ending(2, "inactivity"), NOW)).toBe(3);
  });
});

describe("a client secret's expiry", () => {
  it("accepts a real day up to ten years ahead, or blank", () => {
    expect(parseSecretExpiryDay("2032-03-03", NOW)).toBe("2032-03-03");
    expect(parseSecretExpiryDay("  ", NOW)).toBeNull();
    expect(parseSecretExpiryDay(undefined, NOW)).toBeNull();
    for (const typed of ["2032-02-30", "03/03/2032", "2042-06-01", "1999-12-31", "2032-3-3"])
      expect(parseSecretExpiryDay(typed, NOW)).toBe("invalid");
  });

  it("is reminded at the closest of 60, 30 and 7 days, never once past", () => {
    expect([90, 60, 45, 30, 8, 7, 1, 0, -3].map(secretReminderThreshold)).toEqual([
      null,
      60,
      60,
      30,
      30,
      7,
      7,
      null,
      null,
    ]);
  });

  it("reads as later, soon (30 days) or expired, counting calendar days", () => {
    const on = (day: string, seen: Date | null = null) =>
      secretExpiryStatus(
        { clientSecretExpiresOn: new Date(`${day}T00:00:00Z`), clientSecretExpiredSeenAt: seen },
        NOW,
      );
    expect(on("2031-08-07")).toMatchObject({ daysLeft: 87, tone: "later" });
    expect(on("2031-06-11")).toMatchObject({ daysLeft: 30, tone: "soon" });
    expect(on("2031-05-12")).toMatchObject({ daysLeft: 0, tone: "expired" });
    expect(on("2031-05-12", NOW)).toMatchObject({ tone: "expired", seenExpired: true });
  });

  it("is reset by a new secret unless another date comes with it", () => {
    const stored = {
      clientSecretExpiresOn: new Date("2031-08-07T00:00:00Z"),
      clientSecretExpiredSeenAt: null,
    };
    expect(secretExpiryChange(stored, "replaced", "2031-08-07")).toMatchObject({
      from: "2031-08-07",
      to: null,
    });
    expect(secretExpiryChange(stored, "replaced", "2033-08-01").to).toBe("2033-08-01");
    expect(secretExpiryChange(stored, "cleared", "2033-08-01").to).toBeNull();
    expect(secretExpiryChange(stored, null, undefined)).toEqual({
      from: "2031-08-07",
      to: "2031-08-07",
      columns: {},
    });
    expect(secretExpiryChange(stored, null, null).to).toBeNull();
    const seen = { clientSecretExpiresOn: new Date("2031-05-12T00:00:00Z"), clientSecretExpiredSeenAt: NOW };
    expect(secretExpiryChange(seen, null, "2031-05-12").columns).toEqual({});
    expect(secretExpiryChange(seen, "replaced", "2031-05-12").columns).toEqual({
      clientSecretExpiresOn: null,
      clientSecretExpiredSeenAt: null,
    });
  });
});
