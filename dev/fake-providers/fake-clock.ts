/**
 * Simulated time for the fakes. oidc-provider reads the real clock, so advancing time is done by
 * ageing every stored artifact (see FakeStore.age); this clock serves the fakes' own bookkeeping
 * (device polling, statistics) so that both agree.
 */
export class FakeClock {
  private offsetMs = 0;
  private readonly listeners: Array<(ms: number) => void> = [];

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  onAdvance(listener: (ms: number) => void): void {
    this.listeners.push(listener);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("advanceClock needs a positive number of ms");
    this.offsetMs += ms;
    for (const listener of this.listeners) listener(ms);
  }
}
