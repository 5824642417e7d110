import nodemailer from "nodemailer";
import type { MailToSend } from "../../lib/worker/pick-due-mail";

/** What the bare pool sends: the queued mails themselves, and each mailbox's token. */
export type BarePoolJob = {
  host: string;
  port: number;
  mailboxes: { address: string; accessToken: string }[];
  /** Sent first, not measured. */
  warmup: BareMessage[];
  messages: BareMessage[];
};

export type BareMessage = Pick<
  MailToSend,
  "fromName" | "to" | "cc" | "bcc" | "subject" | "text" | "html" | "messageId"
> & {
  mailbox: number;
};

/**
 * The ceiling of bench/outbox/run.ts: the job's messages through bare pooled
 * nodemailer transports (one per mailbox, two connections each), all handed to
 * the pools at once, no database. The warm-up messages go first, then
 * `onWarm` is called; returns the time of the others from the first to the
 * last answer, in ms.
 */
export async function sendBare(job: BarePoolJob, onWarm: () => void = () => {}): Promise<number> {
  const transports = job.mailboxes.map((m) =>
    nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: job.host,
      port: job.port,
      secure: false,
      ignoreTLS: true,
      auth: { type: "OAuth2", user: m.address, accessToken: m.accessToken },
    }),
  );
  const send = (messages: BareMessage[]) =>
    Promise.all(
      messages.map((m) =>
        transports[m.mailbox]!.sendMail({
          from: { name: m.fromName, address: job.mailboxes[m.mailbox]!.address },
          to: m.to,
          cc: m.cc,
          bcc: m.bcc,
          subject: m.subject,
          text: m.text ?? undefined,
          html: m.html ?? undefined,
          messageId: m.messageId,
        }),
      ),
    );
  await send(job.warmup);
  onWarm();
  const started = performance.now();
  await send(job.messages);
  const ms = performance.now() - started;
  for (const transport of transports) transport.close();
  return ms;
}
