import { getDb } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";

export const capturedMailShown = 50;

/**
 * Mail kept instead of sent (no RELAIS_SMTP_URL), newest first, for the
 * development page. Not scoped to anyone: only reachable with dev tools on.
 */
export async function listCapturedMail(options: { to?: string; limit?: number } = {}) {
  const db = await getDb();
  const to = options.to?.trim();
  return db.capturedMail.findMany({
    where: to ? { to: { contains: escapeLike(to), mode: "insensitive" } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? capturedMailShown,
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
}
