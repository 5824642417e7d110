import { normalizeAddress } from "./mailbox-directory";

export interface ThrottleOptions {
  status: 429 | 503;
  /** The `Retry-After` header, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Gmail API 429 only: `errors[0].reason`. Default `userRateLimitExceeded`. */
  reason?: "userRateLimitExceeded" | "rateLimitExceeded";
}

export interface ApiFailure {
  /** A 4xx or 5xx status. */
  status: number;
  /** The JSON body answered (absent: an empty body). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the next API request of a mailbox gets instead of being accepted, one per request. */
export type QueuedApiAnswer =
  ({ kind: "throttle" } & ThrottleOptions) | { kind: "quota" } | ({ kind: "fail" } & ApiFailure);

/**
 * Per-address switches of the fake Graph and Gmail APIs (throttling, quota, arbitrary failures,
 * a slow server) and the concurrency bookkeeping: requests in flight and the highest count seen.
 */
export class ApiSwitches {
  private readonly queued = new Map<string, QueuedApiAnswer[]>();
  private readonly delays = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private defaultDelayMs = 0;

  queue(email: string, answer: QueuedApiAnswer): void {
    if (
      answer.kind === "fail" &&
      (!Number.isInteger(answer.status) || answer.status < 400 || answer.status > 599)
    )
      throw new TypeError(`failNextApi needs a 4xx or 5xx status: ${answer.status}`);
    if (answer.kind === "throttle") {
      if (answer.status !== 429 && answer.status !== 503)
        throw new TypeError(`throttleNext needs 429 or 503: ${String(answer.status)}`);
      const seconds = answer.retryAfterSeconds ?? 1;
      if (!Number.isInteger(seconds) || seconds < 0)
        throw new TypeError(`retryAfterSeconds must be a whole number of seconds: ${seconds}`);
    }
    const address = normalizeAddress(email);
    const list = this.queued.get(address) ?? [];
    list.push(answer);
    this.queued.set(address, list);
  }

  /** The first queued answer among these addresses (in this order), taken off its queue. */
  take(addresses: string[]): QueuedApiAnswer | undefined {
    for (const address of addresses) {
      const answer = this.queued.get(normalizeAddress(address))?.shift();
      if (answer) return answer;
    }
    return undefined;
  }

  setDelay(ms: number, email?: string): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("setApiDelay needs a positive number of ms");
    if (email === undefined) this.defaultDelayMs = ms;
    else this.delays.set(normalizeAddress(email), ms);
  }

  delayFor(address: string): number {
    return this.delays.get(normalizeAddress(address)) ?? this.defaultDelayMs;
  }

  /** A request for this mailbox starts: returns how many are now in flight (this one included). */
  enter(address: string): number {
    const key = normalizeAddress(address);
    const count = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, count);
    this.peaks.set(key, Math.max(this.peaks.get(key) ?? 0, count));
    return count;
  }

  leave(address: string): void {
    const key = normalizeAddress(address);
    const count = (this.inFlight.get(key) ?? 1) - 1;
    if (count > 0) this.inFlight.set(key, count);
    else this.inFlight.delete(key);
  }

  peak(email: string): number {
    return this.peaks.get(normalizeAddress(email)) ?? 0;
  }

  resetPeaks(): void {
    this.peaks.clear();
  }
}
