import { apiJson } from "@/lib/api/api-response";
import { listKeyMailboxes } from "@/lib/api/list-key-mailboxes";
import { withApiKey } from "@/lib/api/with-api-key";

export const dynamic = "force-dynamic";

/** The mailboxes this key may send from, with their state. */
export async function GET(request: Request) {
  return withApiKey(request, async (sender) => apiJson({ mailboxes: await listKeyMailboxes(sender) }));
}
