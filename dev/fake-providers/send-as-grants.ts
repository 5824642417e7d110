import { normalizeAddress } from "./mailbox-directory";

/**
 * Who may send as whom: Microsoft's "Send As" permission of a delegate on a shared mailbox, and
 * Google's verified "send mail as" aliases of an account. Keyed by the delegate's (the signed-in
 * account's) address, whichever provider hosts it.
 */
export class SendAsGrants {
  private readonly grants = new Map<string, Set<string>>();

  grant(delegate: string, shared: string): void {
    const key = normalizeAddress(delegate);
    const address = normalizeAddress(shared);
    if (!/^[^\s@\x01]+@[^\s@\x01]+$/.test(address)) throw new TypeError(`not an address: ${shared}`);
    const set = this.grants.get(key) ?? new Set<string>();
    set.add(address);
    this.grants.set(key, set);
  }

  revoke(delegate: string, shared: string): void {
    this.grants.get(normalizeAddress(delegate))?.delete(normalizeAddress(shared));
  }

  /** The addresses `delegate` may send as, besides its own. */
  aliasesOf(delegate: string): string[] {
    return [...(this.grants.get(normalizeAddress(delegate)) ?? [])];
  }

  /** True when `account` may send as `sender`: its own address, an empty (null) sender, or a granted one. */
  allows(account: string, sender: string): boolean {
    const address = normalizeAddress(sender);
    if (!address || address === normalizeAddress(account)) return true;
    return this.grants.get(normalizeAddress(account))?.has(address) === true;
  }
}
