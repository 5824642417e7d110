import { devToolsEnabled } from "@/lib/config/dev-tools";
import { getCapturedMail } from "@/lib/mail/list-captured-mail";
import { isUuid } from "@/lib/ids/is-uuid";

export const dynamic = "force-dynamic";

/**
 * One captured mail's text, decrypted, as plain text (scripts and the
 * browser tests read links here). Like /dev/mail, only with dev tools on.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const mail = devToolsEnabled() && isUuid(id) ? await getCapturedMail(id) : null;
  if (!mail) return new Response("Not found\n", { status: 404, headers: { "Cache-Control": "no-store" } });
  if (mail.text === null) {
    return new Response("This mail was encrypted with a key this process does not have.\n", {
      status: 409,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(mail.text, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
