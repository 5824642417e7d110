import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { xoauth2TransportOptions, type SmtpEndpoint } from "@/lib/smtp/xoauth2-transport-options";

export type { SmtpEndpoint };

type Entry = { token: string; transport: Transporter; lastUsed: number };

const TIMEOUT_MS = 30_000;
const IDLE_MS = 60_000;

/**
 * Open SMTP connections, reused per mailbox: a pooled transport keyed by the
 * mailbox and authenticated with one access token. A new token closes the old
 * transport; idle ones are closed by `closeIdle`. Every socket is opened
 * through the guarded connection (the host is tenant-typed, docs/outbound-http.md).
 * nodemailer never refreshes a token itself: asked to, it is refused, and the
 * refusal reaches the caller as an auth failure.
 */
export class SmtpConnections {
  private readonly entries = new Map<string, Entry>();

  transportFor(mailboxId: string, address: string, accessToken: string, endpoint: SmtpEndpoint): Transporter {
    const current = this.entries.get(mailboxId);
    if (current && current.token === accessToken) {
      current.lastUsed = Date.now();
      return current.transport;
    }
    current?.transport.close();
    const transport = nodemailer.createTransport(poolOptions(address, accessToken, endpoint));
    this.entries.set(mailboxId, { token: accessToken, transport, lastUsed: Date.now() });
    return transport;
  }

  /** Drops the mailbox's connections (its token was refused). */
  discard(mailboxId: string) {
    this.entries.get(mailboxId)?.transport.close();
    this.entries.delete(mailboxId);
  }

  closeIdle(now = Date.now()) {
    for (const [mailboxId, entry] of this.entries) {
      if (now - entry.lastUsed > IDLE_MS) this.discard(mailboxId);
    }
  }

  closeAll() {
    for (const mailboxId of [...this.entries.keys()]) this.discard(mailboxId);
  }
}

function poolOptions(address: string, accessToken: string, endpoint: SmtpEndpoint): SMTPPool.Options {
  return {
    ...xoauth2TransportOptions(endpoint, address, accessToken, { timeoutMs: TIMEOUT_MS }),
    pool: true,
    maxConnections: 2,
    maxMessages: 500,
  };
}
