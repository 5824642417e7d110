import { normalizeAddress } from "./mailbox-directory";
import { parseReply } from "./smtp-replies";
import type { ProviderName } from "./types";

export interface MailboxSmtpSwitches {
  /** Microsoft 5.7.139: SMTP AUTH turned off for the mailbox or for the whole tenant. */
  authDisabled?: "Mailbox" | "Tenant";
  /** Sending limit reached, worded like this provider. */
  quotaExceeded?: ProviderName;
  /** Replies given instead of accepting the next messages, one per message. */
  failNext: string[];
  /** How long the server takes to answer each message, in ms (a slow server). */
  answerDelayMs?: number;
}

/** Per-address switches that change how the SMTP server treats a mailbox. */
export class SmtpSwitches {
  private readonly switches = new Map<string, MailboxSmtpSwitches>();
  /** Recipients refused at `RCPT TO`, whoever sends, with the reply. */
  private readonly refusedRecipients = new Map<string, string>();

  refuseRecipient(address: string, reply: string | null): void {
    if (reply === null) {
      this.refusedRecipients.delete(normalizeAddress(address));
      return;
    }
    parseReply(reply);
    this.refusedRecipients.set(normalizeAddress(address), reply);
  }

  recipientRefusal(address: string): string | undefined {
    return this.refusedRecipients.get(normalizeAddress(address));
  }

  of(email: string): MailboxSmtpSwitches {
    const address = normalizeAddress(email);
    const existing = this.switches.get(address);
    if (existing) return existing;
    const created: MailboxSmtpSwitches = { failNext: [] };
    this.switches.set(address, created);
    return created;
  }

  disableAuth(email: string, level: "Mailbox" | "Tenant" | false): void {
    this.of(email).authDisabled = level || undefined;
  }

  setQuotaExceeded(email: string, provider: ProviderName | null): void {
    this.of(email).quotaExceeded = provider ?? undefined;
  }

  failNext(email: string, reply: string): void {
    parseReply(reply);
    this.of(email).failNext.push(reply);
  }

  setAnswerDelay(email: string, ms: number): void {
    this.of(email).answerDelayMs = ms > 0 ? ms : undefined;
  }

  takeFailure(email: string): string | undefined {
    return this.of(email).failNext.shift();
  }
}
