import { apiJson } from "@/lib/api/api-response";
import { mailJson } from "@/lib/api/mail-json";
import { withApiKey } from "@/lib/api/with-api-key";
import { cancelOutgoingMail } from "@/lib/outbox/cancel-outgoing-mail";
import { getOutgoingMail } from "@/lib/outbox/get-outgoing-mail";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** A mail sent with this key: status and attempt history. */
export async function GET(request: Request, { params }: Params) {
  return withApiKey(request, async (sender) =>
    apiJson(mailJson(await getOutgoingMail(sender, (await params).id))),
  );
}

/** Cancels a mail while it waits (queued or held): 200; already sending or done: 409. */
export async function DELETE(request: Request, { params }: Params) {
  return withApiKey(request, async (sender) => apiJson(await cancelOutgoingMail(sender, (await params).id)));
}
