import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "@/lib/db/client";

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
 * in the database and readable at /dev/mail, so that a first run works
 * without any mail server.
 */
export async function sendPlatformMail(mail: PlatformMail): Promise<void> {
  const url = process.env.RELAIS_SMTP_URL;
  if (!url) {
    const db = await getDb();
    await db.capturedMail.create({ data: { ...mail, html: mail.html ?? null } });
    return;
  }
  await smtpTransport(url).sendMail({
    from: process.env.RELAIS_MAIL_FROM ?? "Relais <relais@localhost>",
    ...mail,
  });
}
