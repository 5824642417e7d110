import { createHash } from "node:crypto";
import type { ProviderName } from "./types";

export interface FakeMailbox {
  email: string;
  provider: ProviderName;
  /** The account identifier the provider uses (`sub`): Google's is numeric, Microsoft's opaque. */
  accountId: string;
}

export function normalizeAddress(email: string): string {
  return email.trim().toLowerCase();
}

function accountIdFor(email: string, provider: ProviderName): string {
  const digest = createHash("sha256").update(`${provider}:${email}`).digest();
  if (provider === "google") {
    const digits = [...digest.subarray(0, 20)].map((byte) => String(byte % 10)).join("");
    return `1${digits}`;
  }
  return `AAAAAAAAAAAAAAAAAAAAA${digest.subarray(0, 16).toString("base64url")}`;
}

/** The "directory" of each fake provider: which addresses can sign in. */
export class MailboxDirectory {
  private readonly byEmail = new Map<string, FakeMailbox>();
  private readonly byAccountId = new Map<string, FakeMailbox>();

  add(email: string, provider: ProviderName): FakeMailbox {
    const address = normalizeAddress(email);
    if (!/^[^\s@\x01]+@[^\s@\x01]+$/.test(address)) throw new TypeError(`not an address: ${email}`);
    const key = `${provider}:${address}`;
    const existing = this.byEmail.get(key);
    if (existing) return existing;
    const mailbox: FakeMailbox = {
      email: address,
      provider,
      accountId: accountIdFor(address, provider),
    };
    this.byEmail.set(key, mailbox);
    this.byAccountId.set(mailbox.accountId, mailbox);
    return mailbox;
  }

  find(email: string, provider: ProviderName): FakeMailbox | undefined {
    return this.byEmail.get(`${provider}:${normalizeAddress(email)}`);
  }

  /** Every mailbox with this address, whichever provider hosts it. */
  findAll(email: string): FakeMailbox[] {
    const address = normalizeAddress(email);
    return [...this.byEmail.values()].filter((mailbox) => mailbox.email === address);
  }

  byAccount(accountId: string): FakeMailbox | undefined {
    return this.byAccountId.get(accountId);
  }
}
