import type { Adapter, AdapterPayload } from "oidc-provider";
import type { FakeClock } from "./fake-clock";

export type RevocationReason = "revoked" | "reused" | "expired" | "destroyed";

/** What remains of a deleted token, so that a later use can be answered the way the provider does. */
export interface Tombstone {
  model: string;
  reason: RevocationReason;
  accountId?: string;
  clientId?: string;
  iat?: number;
  revokedAt: number;
}

interface Entry {
  model: string;
  id: string;
  payload: AdapterPayload;
}

const GRANT_MEMBERS = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode"]);
const TIME_FIELDS = ["iat", "exp", "iiat", "authTime", "loginTs", "consumed"] as const;
// Artifacts long past their expiry are swept; tokens leave a tombstone so errors stay faithful.
const SWEEP_AFTER_SECONDS = 2 * 24 * 3600;
const SWEEP_EVERY_WRITES = 500;

/**
 * The storage behind one fake provider (oidc-provider's adapter interface), with what the fakes
 * need on top: ageing for the simulated clock, indexes by grant and account, tombstones, and
 * refresh-token use tracking that does not mark tokens consumed (Microsoft keeps the old one alive).
 */
export class FakeStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grantMembers = new Map<string, Set<string>>();
  private readonly userCodes = new Map<string, string>();
  private readonly sessionUids = new Map<string, string>();
  private readonly tombstones = new Map<string, Tombstone>();
  private readonly refreshUses = new Map<string, number>();
  private writes = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly findClient: (id: string) => AdapterPayload | undefined,
  ) {
    clock.onAdvance((ms) => this.age(Math.floor(ms / 1000)));
  }

  adapterFor(model: string): Adapter {
    return {
      upsert: async (id, payload) => this.upsert(model, id, payload),
      find: async (id) => (model === "Client" ? this.findClient(id) : this.find(model, id)),
      findByUserCode: async (userCode) => this.find(model, this.userCodes.get(userCode) ?? ""),
      findByUid: async (uid) => this.find(model, this.sessionUids.get(uid) ?? ""),
      consume: async (id) => this.consume(model, id),
      destroy: async (id) => this.destroy(model, id, "destroyed"),
      revokeByGrantId: async (grantId) => this.revokeGrant(grantId, "revoked"),
    };
  }

  find(model: string, id: string): AdapterPayload | undefined {
    return this.entries.get(`${model}:${id}`)?.payload;
  }

  tombstone(model: string, id: string): Tombstone | undefined {
    return this.tombstones.get(`${model}:${id}`);
  }

  /** Signs the browser session out of its account (another account signs in on the same browser). */
  forgetSessionAccount(uid: string): void {
    const payload = this.find("Session", this.sessionUids.get(uid) ?? "");
    if (!payload) return;
    delete payload.accountId;
    delete payload.loginTs;
    delete payload.authorizations;
  }

  /** When a refresh token was last presented and rotated away (ms, simulated clock). */
  refreshTokenUsedAt(id: string): number | undefined {
    return this.refreshUses.get(id);
  }

  all(model: string): Array<{ id: string; payload: AdapterPayload }> {
    return [...this.entries.values()].filter((entry) => entry.model === model);
  }

  revokeGrant(grantId: string, reason: RevocationReason): void {
    for (const key of this.grantMembers.get(grantId) ?? []) {
      const entry = this.entries.get(key);
      if (entry) this.destroy(entry.model, entry.id, reason);
    }
    this.grantMembers.delete(grantId);
    this.destroy("Grant", grantId, reason);
  }

  destroy(model: string, id: string, reason: RevocationReason): void {
    const key = `${model}:${id}`;
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const { payload } = entry;
    if (payload.userCode && this.userCodes.get(payload.userCode) === id)
      this.userCodes.delete(payload.userCode);
    if (model === "Session" && payload.uid) this.sessionUids.delete(payload.uid);
    if (payload.grantId) this.grantMembers.get(payload.grantId)?.delete(key);
    if (model !== "Session" && model !== "Interaction") {
      this.tombstones.set(key, {
        model,
        reason,
        accountId: payload.accountId,
        clientId: payload.clientId,
        iat: payload.iat,
        revokedAt: this.clock.now(),
      });
    }
  }

  /** Moves every stored timestamp into the past, which is what time passing means to oidc-provider. */
  age(seconds: number): void {
    for (const { payload } of this.entries.values()) {
      const times = payload as Record<string, unknown>;
      for (const field of TIME_FIELDS) {
        const value = times[field];
        if (typeof value === "number") times[field] = value - seconds;
      }
    }
  }

  private upsert(model: string, id: string, payload: AdapterPayload): void {
    const key = `${model}:${id}`;
    this.entries.set(key, { model, id, payload });
    this.tombstones.delete(key);
    if (model === "Session" && payload.uid) this.sessionUids.set(payload.uid, id);
    if (payload.userCode) this.userCodes.set(payload.userCode, id);
    if (GRANT_MEMBERS.has(model) && payload.grantId) {
      const members = this.grantMembers.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.grantMembers.set(payload.grantId, members);
    }
    if (++this.writes % SWEEP_EVERY_WRITES === 0) this.sweep();
  }

  private consume(model: string, id: string): void {
    const payload = this.find(model, id);
    if (!payload) return;
    if (model === "RefreshToken") {
      // Rotation happened. Whether reusing this token is an offence is decided by the token
      // endpoint (strict rotation mode), not by oidc-provider, which would revoke the grant.
      this.refreshUses.set(id, this.clock.now());
      return;
    }
    payload.consumed = Math.floor(Date.now() / 1000);
  }

  private sweep(): void {
    const limit = Math.floor(Date.now() / 1000) - SWEEP_AFTER_SECONDS;
    for (const entry of [...this.entries.values()]) {
      const { exp } = entry.payload;
      if (entry.model !== "Grant" && typeof exp === "number" && exp < limit) {
        this.destroy(entry.model, entry.id, "expired");
      }
    }
  }
}
