import { getDb } from "@/lib/db/client";
import { providerFamily } from "@/lib/outbox/mail-limits";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { ConnectionUnavailableError, TransientTokenError } from "@/lib/tokens/token-errors";
import type { ClaimedMail } from "./claim-due-mail";
import { classifySmtpAnswer, maxAttempts, retryDelayMs, type SmtpVerdict } from "./classify-smtp-answer";
import { pauseMailbox, flagSmtpAuthDisabled } from "./mailbox-health";
import { reserveSendingSlot } from "./reserve-sending-slot";
import { sendingLimitsFor } from "./sending-limits";
import { settleMail } from "./settle-mail";
import type { SmtpConnections } from "./smtp-connections";

export type SendOutcome = "sent" | "retry" | "failed" | "held" | "cancelled" | "waiting" | "lease_lost";

type LoadedMail = NonNullable<Awaited<ReturnType<typeof loadMail>>>;

async function loadMail(claimed: ClaimedMail) {
  const db = await getDb();
  return db.outgoingMail.findFirst({
    where: { id: claimed.id, tenantId: claimed.tenantId },
    include: {
      attachments: { select: { filename: true, contentType: true, content: true } },
      mailbox: { include: { clientConfiguration: true } },
    },
  });
}

/** The SMTP conversation: the accepted answer, or throws what the server or network said. */
async function deliver(mail: LoadedMail, accessToken: string, connections: SmtpConnections): Promise<string> {
  const { mailbox } = mail;
  const config = mailbox.clientConfiguration;
  const transport = connections.transportFor(mailbox.id, mailbox.address, accessToken, {
    host: config.smtpHost,
    port: config.smtpPort,
    security: config.smtpSecurity,
  });
  const info = await transport.sendMail({
    from: { name: mail.fromName, address: mailbox.address },
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    subject: mail.subject,
    text: mail.text ?? undefined,
    html: mail.html ?? undefined,
    messageId: mail.messageId,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content),
    })),
  });
  return String(info.response ?? "250 OK");
}

/**
 * Sends one leased mail and records where it stands: sent, back in the queue
 * with backoff, failed, held for its mailbox, cancelled (revoked mailbox), or
 * waiting for a sending slot. Never throws for an expected failure.
 */
export async function sendOne(
  claimed: ClaimedMail,
  workerId: string,
  connections: SmtpConnections,
): Promise<SendOutcome> {
  const startedAt = new Date();
  const mail = await loadMail(claimed);
  if (!mail) return "lease_lost";
  const { mailbox } = mail;
  const settle = async (
    outcome: SendOutcome,
    change: Parameters<typeof settleMail>[2],
    record?: Pick<NonNullable<Parameters<typeof settleMail>[3]>, "outcome" | "smtpCode" | "smtpResponse">,
  ): Promise<SendOutcome> => {
    const applied = await settleMail(
      mail.id,
      workerId,
      change,
      record ? { ...record, tenantId: mail.tenantId, number: claimed.attempts, startedAt } : null,
    );
    return applied ? outcome : "lease_lost";
  };
  // Not an attempt at sending: the counter taken by the claim is given back.
  const park = (status: "held" | "cancelled" | "queued", lastError: string | null, nextAttemptAt?: Date) =>
    settle(status === "queued" ? "waiting" : status, {
      status,
      lastError,
      sentAt: null,
      attempts: { decrement: 1 },
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
    });

  if (mailbox.state === "revoked") return park("cancelled", "mailbox_revoked");
  if (mailbox.state !== "connected") return park("held", `mailbox_${mailbox.state}`);
  if (mailbox.pausedUntil && mailbox.pausedUntil > startedAt) return park("held", "mailbox_paused");

  const config = mailbox.clientConfiguration;
  const slot = await reserveSendingSlot(
    mail,
    workerId,
    sendingLimitsFor(providerFamily(config.provider), config),
  );
  if (!slot) return "lease_lost";
  if (!slot.ok) return park("queued", "sending_limit", slot.waitUntil);

  const retryOrFail = (verdict: SmtpVerdict, outcome: "temporary" | "auth") => {
    const record = { outcome, smtpCode: verdict.code, smtpResponse: verdict.response };
    if (claimed.attempts >= maxAttempts()) {
      return settle(
        "failed",
        { status: "failed", sentAt: null, lastError: `attempts exhausted: ${verdict.response}` },
        record,
      );
    }
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(claimed.attempts));
    return settle(
      "retry",
      { status: "queued", sentAt: null, nextAttemptAt, lastError: verdict.response },
      record,
    );
  };

  const settleFailure = async (verdict: SmtpVerdict): Promise<SendOutcome> => {
    const record = { smtpCode: verdict.code, smtpResponse: verdict.response };
    switch (verdict.kind) {
      case "auth_disabled":
        connections.discard(mailbox.id);
        await flagSmtpAuthDisabled(mail.tenantId, mailbox.id);
        return settle(
          "held",
          { status: "held", sentAt: null, lastError: `smtp_auth_disabled: ${verdict.response}` },
          { outcome: "config", ...record },
        );
      case "quota":
        connections.discard(mailbox.id);
        await pauseMailbox(mail.tenantId, mailbox.id, providerFamily(config.provider), verdict.response);
        return settle(
          "held",
          { status: "held", sentAt: null, lastError: `quota: ${verdict.response}` },
          { outcome: "quota", ...record },
        );
      case "permanent":
        return settle(
          "failed",
          { status: "failed", sentAt: null, lastError: verdict.response },
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
    token = (await getAccessToken(mailbox.id, { tenantId: mail.tenantId })).accessToken;
  } catch (error) {
    if (error instanceof ConnectionUnavailableError) {
      return error.state === "revoked"
        ? park("cancelled", "mailbox_revoked")
        : park("held", `mailbox_${error.state}${error.code ? `: ${error.code}` : ""}`);
    }
    if (error instanceof TransientTokenError) {
      return retryOrFail({ kind: "temporary", code: null, response: `token: ${error.code}` }, "temporary");
    }
    throw error;
  }

  let verdict: SmtpVerdict;
  let refreshed = false;
  for (;;) {
    try {
      const response = await deliver(mail, token, connections);
      return settle(
        "sent",
        { status: "sent", sentAt: new Date(), smtpResponse: response, lastError: null },
        { outcome: "sent", smtpCode: Number(response.slice(0, 3)) || 250, smtpResponse: response },
      );
    } catch (error) {
      verdict = classifySmtpAnswer(error);
    }
    if (verdict.kind !== "auth" || refreshed) break;
    // A token that looked valid was refused: one forced refresh and one retry, not more.
    connections.discard(mailbox.id);
    refreshed = true;
    try {
      token = (await getAccessToken(mailbox.id, { tenantId: mail.tenantId, forceRefresh: true })).accessToken;
    } catch (error) {
      if (error instanceof ConnectionUnavailableError) return park("held", `mailbox_${error.state}`);
      if (error instanceof TransientTokenError) break;
      throw error;
    }
  }
  return settleFailure(verdict);
}
