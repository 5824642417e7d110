import { getDb } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";
import { openCapturedMail } from "./captured-mail-body";

export const capturedMailShown = 50;

/**
 * Mail kept instead of sent (no RELAIS_SMTP_URL), newest first, with its text
 * decrypted (null when no key of this process opens it), for the development
 * page. Not scoped to anyone: only reachable with dev tools on.
 */
export async function listCapturedMail(options: { to?: string; limit?: number } = {}) {
  const db = await getDb();
  const to = options.to?.trim();
  const rows = await db.capturedMail.findMany({
    where: to ? { to: { contains: escapeLike(to), mode: "insensitive" } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? capturedMailShown,
    select: { id: true, to: true, subject: true, textCipher: true, createdAt: true },
  });
  return rows.map(({ textCipher, ...mail }) => ({
    ...mail,
    text: openCapturedMail({ id: mail.id, textCipher, htmlCipher: null }).text,
  }));
}

/** One captured mail with its text and HTML decrypted, or null when there is none with this id. */
export async function getCapturedMail(id: string) {
  const db = await getDb();
  const row = await db.capturedMail.findUnique({ where: { id } });
  if (!row) return null;
  const { textCipher, htmlCipher, ...mail } = row;
  return { ...mail, ...openCapturedMail({ id: row.id, textCipher, htmlCipher }) };
}
