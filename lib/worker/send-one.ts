import { isAscii } from "node:buffer";
import { getDb } from "@/lib/db/client";
import type { Log } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import { countSettledMail, observeSendDuration } from "@/lib/metrics/metrics";
import { providerFamily } from "@/lib/outbox/mail-limits";
import { refusedRecipientsOf, type RefusedRecipient } from "@/lib/outbox/refused-recipients";
import { withSenderAndDate } from "@/lib/outbox/render-message";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { liveAccessToken } from "@/lib/tokens/live-access-token";
import { ConnectionUnavailableError, TransientTokenError } from "@/lib/tokens/token-errors";
import { ApiSendError } from "@/lib/transports/api-send-error";
import { assertGmailAlias } from "@/lib/transports/check-gmail-alias";
import { classifyApiAnswer, type ApiVerdict } from "@/lib/transports/classify-api-answer";
import { composeMime, withBccHeader } from "@/lib/transports/compose-mime";
import { apiBaseUrlFor } from "@/lib/transports/mail-transports";
import { sendOverApi } from "@/lib/transports/send-over-api";
import { classifySmtpAnswer, maxAttempts, retryDelayMs, type SmtpVerdict } from "./classify-smtp-answer";
import type { Unsendable } from "./mailbox-can-send";
import type { MailToSend } from "./pick-due-mail";
import { flagMailboxSetting, flagSmtpAuthDisabled, pauseMailbox, throttleMailbox } from "./mailbox-health";
import { settleMail, type AttemptRecord, type MailChange } from "./settle-mail";
import type { SmtpConnections } from "./smtp-connections";

export type SendOutcome = "sent" | "retry" | "failed" | "held" | "cancelled" | "waiting" | "lease_lost";

async function attachmentsOf(mail: MailToSend) {
  const db = await getDb();
  const rows = await db.outgoingAttachment.findMany({
    where: { mailId: mail.id, tenantId: mail.tenantId },
    select: { filename: true, contentType: true, content: true },
  });
  return rows.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.content),
  }));
}

/** The kept message as it goes out: a relayed one as accepted, one built when queued with its From: and Date: now. */
async function rawOf(mail: MailToSend): Promise<Buffer> {
  // pg gives a Buffer; another driver (PGlite) may give a plain Uint8Array.
  const kept = mail.raw
    ? Buffer.isBuffer(mail.raw)
      ? mail.raw
      : Buffer.from(mail.raw)
    : await readRaw(mail);
  if (mail.relayed) return kept;
  return withSenderAndDate(kept, { name: mail.fromName, address: mail.mailbox.address }, new Date());
}

async function readRaw(mail: MailToSend): Promise<Buffer> {
  const db = await getDb();
  const row = await db.outgoingMail.findFirst({
    where: { id: mail.id, tenantId: mail.tenantId },
    select: { raw: true },
  });
  if (!row?.raw) throw new Error(`mail ${mail.id} has no message`);
  return Buffer.from(row.raw);
}

type SendVerdict = SmtpVerdict | ApiVerdict;

/** What a failed send means, whichever transport it went through. */
function classifySendFailure(error: unknown): SendVerdict {
  if (error instanceof ApiSendError) return classifyApiAnswer(error);
  const verdict = classifySmtpAnswer(error);
  // Microsoft's 550 5.7.60: the delegate has no Send As right on the shared address.
  if (/\b5\.7\.60\b|SendAsDenied/i.test(verdict.response))
    return { ...verdict, kind: "send_as_denied" } as SendVerdict;
  return verdict;
}

/** The message fields both paths build from (the SMTP library and the APIs' MIME). */
async function fieldsOf(mail: MailToSend) {
  return {
    from: { name: mail.fromName, address: mail.mailbox.address },
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    subject: mail.subject,
    text: mail.text ?? undefined,
    html: mail.html ?? undefined,
    messageId: mail.messageId,
    attachments: mail.hasAttachments ? await attachmentsOf(mail) : [],
  };
}

/**
 * Hands the mail to its mailbox's transport: the accepted answer, or throws
 * what the server or API said. Over SMTP a delegate authenticates as itself
 * and sends `MAIL FROM` and `From:` the shared address; over the APIs the
 * whole MIME message (the same Message-ID) is posted.
 */
async function deliver(
  mail: MailToSend,
  accessToken: string,
  connections: SmtpConnections,
): Promise<{ response: string; refused: RefusedRecipient[] }> {
  const { mailbox, config } = mail;
  if (mailbox.delegateAccount && config.provider === "google") {
    // Gmail would rewrite a From: that is not a verified alias of the delegate instead of refusing it.
    await assertGmailAlias({
      baseUrl: apiBaseUrlFor(config, "gmail_api")!,
      accessToken,
      mailboxId: mailbox.id,
      delegate: mailbox.delegateAccount,
      shared: mailbox.address,
    });
  }
  if (mailbox.transport !== "smtp") {
    const mime = mail.isRaw
      ? withBccHeader(await rawOf(mail), mail.bcc)
      : await composeMime(await fieldsOf(mail));
    // The APIs take or refuse the message whole: a recipient that does not exist bounces later.
    const response = await sendOverApi({
      transport: mailbox.transport,
      baseUrl: apiBaseUrlFor(config, mailbox.transport)!,
      accessToken,
      sendAs: mailbox.address,
      delegated: mailbox.delegateAccount !== null,
      mime,
    });
    return { response, refused: [] };
  }
  const transport = connections.transportFor(
    mailbox.id,
    mailbox.delegateAccount ?? mailbox.address,
    accessToken,
    {
      host: config.smtpHost,
      port: config.smtpPort,
      security: config.smtpSecurity,
    },
  );
  if (mail.isRaw) {
    // A kept message goes as it is; the envelope names every recipient (Bcc included).
    const raw = await rawOf(mail);
    const info = await transport.sendMail({
      envelope: {
        from: mailbox.address,
        to: [...mail.to, ...mail.cc, ...mail.bcc],
        // 8-bit text (as devices write it) is declared upstream with BODY=8BITMIME.
        ...(isAscii(raw) ? {} : { use8BitMime: true }),
      } as { from: string; to: string[] },
      raw,
    });
    return { response: String(info.response ?? "250 OK"), refused: refusedRecipientsOf(info) };
  }
  const info = await transport.sendMail(await fieldsOf(mail));
  // Recipients refused at RCPT while the others were accepted: sent, with those named.
  return { response: String(info.response ?? "250 OK"), refused: refusedRecipientsOf(info) };
}

/** The stored token when it is still good (no query), else one from getAccessToken (which may refresh). */
async function tokenFor(mail: MailToSend, forceRefresh = false): Promise<string> {
  const stored = forceRefresh ? null : liveAccessToken({ ...mail.mailbox, id: mail.mailboxId }, new Date());
  if (stored) return stored.accessToken;
  return (await getAccessToken(mail.mailboxId, { tenantId: mail.tenantId, forceRefresh })).accessToken;
}

/** Records where a leased mail stands, only while this worker holds its lease. */
function settlerFor(mail: MailToSend, attempts: number, workerId: string, startedAt: Date) {
  const settle = async (
    outcome: SendOutcome,
    change: MailChange,
    record?: Pick<AttemptRecord, "outcome" | "smtpCode" | "smtpResponse">,
  ): Promise<SendOutcome> => {
    const attempt = record ? { ...record, tenantId: mail.tenantId, number: attempts, startedAt } : null;
    const settled = (await settleMail(mail.id, workerId, change, attempt)) ? outcome : "lease_lost";
    countSettledMail(mail.mailbox.transport, settled);
    return settled;
  };
  // Not an attempt at sending: the counter taken by the claim is given back.
  const park = (status: "held" | "cancelled", lastError: string) =>
    settle(status, { status, lastError, notAnAttempt: true });
  return { settle, park };
}

/** A leased mail whose mailbox could not send when claimed is held (or cancelled when revoked) before anything else. */
export function parkUnsendable(
  mail: MailToSend,
  attempts: number,
  workerId: string,
  why: Unsendable,
): Promise<SendOutcome> {
  return settlerFor(mail, attempts, workerId, new Date()).park(why.status, why.reason);
}

/**
 * Sends one leased mail that holds a sending slot, and records where it
 * stands: sent, back in the queue with backoff, failed, held for its mailbox
 * (SMTP AUTH disabled, quota: the mailbox is flagged or paused), or cancelled
 * (revoked meanwhile). Never throws for an expected failure; each failure is
 * logged (what the provider said, never the message). `onAnswered` is called
 * once the server or API has answered, before the outcome is recorded.
 */
export async function sendReserved(
  mail: MailToSend,
  attempts: number,
  workerId: string,
  connections: SmtpConnections,
  log: Log = logger(),
  onAnswered: () => void = () => {},
): Promise<SendOutcome> {
  const { settle, park } = settlerFor(mail, attempts, workerId, new Date());
  const attemptStart = performance.now();
  const { mailbox } = mail;
  const about = { tenantId: mail.tenantId, mailboxId: mail.mailboxId, mailId: mail.id, attempt: attempts };
  const family = providerFamily(mail.config.provider);
  const retryOrFail = (verdict: SendVerdict, outcome: "temporary" | "auth") => {
    const record = { outcome, smtpCode: verdict.code, smtpResponse: verdict.response };
    if (attempts >= maxAttempts()) {
      return settle(
        "failed",
        { status: "failed", lastError: `attempts exhausted: ${verdict.response}` },
        record,
      );
    }
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts));
    return settle("retry", { status: "queued", nextAttemptAt, lastError: verdict.response }, record);
  };
  const unavailable = (error: ConnectionUnavailableError) => {
    log.warn({ ...about, state: error.state, err: error }, "Mail not sent: its mailbox cannot send");
    return error.state === "revoked"
      ? park("cancelled", "mailbox_revoked")
      : park("held", `mailbox_${error.state}${error.code ? `: ${error.code}` : ""}`);
  };
  const settleFailure = async (verdict: SendVerdict, failure: unknown): Promise<SendOutcome> => {
    log.warn(
      { ...about, verdict: verdict.kind, replyCode: verdict.code ?? undefined, err: failure },
      "Mail not sent",
    );
    const record = { smtpCode: verdict.code, smtpResponse: verdict.response };
    switch (verdict.kind) {
      case "throttled": {
        // This mailbox waits as the provider asked; its mail goes back to the queue, not an attempt.
        const until = new Date(Date.now() + verdict.retryAfterMs);
        await throttleMailbox(mail.tenantId, mailbox.id, until, verdict.response);
        return settle(
          "retry",
          {
            status: "queued",
            nextAttemptAt: until,
            lastError: `throttled: ${verdict.response}`,
            notAnAttempt: true,
          },
          { outcome: "temporary", ...record },
        );
      }
      case "send_as_denied":
        connections.discard(mailbox.id);
        await flagMailboxSetting(mail.tenantId, mailbox.id, "config_error", "send_as_denied");
        return settle(
          "held",
          { status: "held", lastError: `send_as_denied: ${verdict.response}` },
          { outcome: "config", ...record },
        );
      case "scope":
        await flagMailboxSetting(mail.tenantId, mailbox.id, "insufficient_scope", "transport_needs_consent");
        return settle(
          "held",
          { status: "held", lastError: `mailbox_insufficient_scope: ${verdict.response}` },
          { outcome: "config", ...record },
        );
      case "auth_disabled":
        connections.discard(mailbox.id);
        await flagSmtpAuthDisabled(mail.tenantId, mailbox.id);
        return settle(
          "held",
          { status: "held", lastError: `smtp_auth_disabled: ${verdict.response}` },
          {
            outcome: "config",
            ...record,
          },
        );
      case "quota":
        connections.discard(mailbox.id);
        await pauseMailbox(mail.tenantId, mailbox.id, family, verdict.response);
        return settle(
          "held",
          { status: "held", lastError: `quota: ${verdict.response}` },
          { outcome: "quota", ...record },
        );
      case "permanent":
        return settle(
          "failed",
          { status: "failed", lastError: verdict.response },
          { outcome: "permanent", ...record },
        );
      case "auth":
        connections.discard(mailbox.id);
        return retryOrFail(verdict, "auth");
      default:
        return retryOrFail(verdict, "temporary");
    }
  };

  let token: string;
  try {
    token = await tokenFor(mail);
  } catch (error) {
    if (error instanceof ConnectionUnavailableError) return unavailable(error);
    if (error instanceof TransientTokenError) {
      log.warn({ ...about, err: error }, "Mail not sent: no access token for now");
      return retryOrFail({ kind: "temporary", code: null, response: `token: ${error.code}` }, "temporary");
    }
    throw error;
  }

  let verdict: SendVerdict;
  let failure: unknown;
  let refreshed = false;
  for (;;) {
    try {
      const { response, refused } = await deliver(mail, token, connections);
      observeSendDuration(mailbox.transport, attemptStart);
      onAnswered();
      if (refused.length > 0)
        log.warn({ ...about, refused: refused.length }, "Mail sent, but some recipients were refused");
      return settle(
        "sent",
        {
          status: "sent",
          smtpResponse: response,
          lastError: null,
          refusedRecipients: refused.length > 0 ? refused : undefined,
        },
        { outcome: "sent", smtpCode: Number(response.slice(0, 3)) || 250, smtpResponse: response },
      );
    } catch (error) {
      failure = error;
      verdict = classifySendFailure(error);
    }
    if (verdict.kind !== "auth" || refreshed) break;
    // A token that looked valid was refused: one forced refresh and one retry, not more.
    connections.discard(mailbox.id);
    refreshed = true;
    try {
      token = await tokenFor(mail, true);
    } catch (error) {
      if (error instanceof ConnectionUnavailableError) return unavailable(error);
      if (error instanceof TransientTokenError) break;
      throw error;
    }
  }
  observeSendDuration(mailbox.transport, attemptStart);
  onAnswered();
  return settleFailure(verdict, failure);
}
