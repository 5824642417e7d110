import { randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "@/lib/db/client";
import { sealCapturedMail } from "./captured-mail-body";

export interface PlatformMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transport: Transporter | undefined;

function smtpTransport(url: string): Transporter {
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export function platformMailIsCaptured(): boolean {
  return !process.env.RELAIS_SMTP_URL;
}

/**
 * Mail the portal itself sends (invitations, sign-in links, notices). With
 * RELAIS_SMTP_URL it goes out through that server; without one it is kept
 * in the database, its bodies encrypted (they hold sign-in links), and
 * readable at /dev/mail, so that a first run works without any mail server.
 */
export async function sendPlatformMail(mail: PlatformMail): Promise<void> {
  const url = process.env.RELAIS_SMTP_URL;
  if (!url) {
    const db = await getDb();
    // The id is chosen here: the ciphertexts are bound to it.
    const id = randomUUID();
    await db.capturedMail.create({
      data: { id, to: mail.to, subject: mail.subject, ...sealCapturedMail(id, mail) },
    });
    return;
  }
  await smtpTransport(url).sendMail({
    from: process.env.RELAIS_MAIL_FROM ?? "Relais <relais@localhost>",
    ...mail,
  });
}
