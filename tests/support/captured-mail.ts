import { openCapturedMail } from "@/lib/mail/captured-mail-body";

/**
 * A captured mail row with its bodies decrypted, as the development mail page
 * shows them (the table holds only ciphertexts). Fails when this process
 * cannot open them, which in a test means the mail was not sealed here.
 */
export function readable<T extends { id: string; textCipher: string; htmlCipher: string | null }>(
  row: T,
): T & { text: string; html: string | null } {
  const { text, html } = openCapturedMail(row);
  if (text === null) throw new Error(`captured mail ${row.id} cannot be opened in this process`);
  return { ...row, text, html };
}
