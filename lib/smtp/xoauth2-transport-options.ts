import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { openGuardedSmtpSocket, type GuardedSocketOptions } from "./guarded-smtp-socket";

export type SmtpEndpoint = { host: string; port: number; security: "tls" | "starttls" };

/**
 * nodemailer options for one mailbox's SMTP session with SASL XOAUTH2, shared
 * by the identity check and the sending workers:
 * - every socket is opened through the guarded connection (the host is
 *   tenant-typed, docs/outbound-http.md); on loopback (local providers only)
 *   the fakes speak plain SMTP, so TLS is not asked for;
 * - nodemailer never refreshes a token itself: asked to, it is refused, and
 *   the refusal reaches the caller as an authentication failure.
 */
export function xoauth2TransportOptions(
  endpoint: SmtpEndpoint,
  address: string,
  accessToken: string,
  { timeoutMs, ...socketOptions }: GuardedSocketOptions & { timeoutMs: number },
): SMTPTransport.Options {
  return {
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === "tls",
    requireTLS: endpoint.security === "starttls",
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
    auth: {
      type: "OAuth2",
      user: address,
      accessToken,
      provisionCallback: (_user, renew, callback) => {
        if (!renew) return callback(null, accessToken);
        callback(Object.assign(new Error("token refused by the SMTP server"), { code: "RENEW_REFUSED" }));
      },
    },
    getSocket: (_options, callback) => {
      openGuardedSmtpSocket(endpoint.host, endpoint.port, { timeoutMs, ...socketOptions }).then(
        ({ socket, loopback }) =>
          callback(
            null,
            loopback
              ? { connection: socket, secure: false, requireTLS: false, ignoreTLS: true }
              : { connection: socket },
          ),
        (error: unknown) => callback(error as Error, undefined),
      );
    },
  };
}
