import { apiJson } from "@/lib/api/api-response";
import { withWebhookApiKey } from "@/lib/api/with-webhook-api-key";
import { notFound } from "@/lib/errors/domain-error";
import { isUuid } from "@/lib/ids/is-uuid";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/**
 * A new signing secret, shown this once. Until previousSecretValidUntil,
 * deliveries carry a signature with the old secret too.
 */
export async function POST(request: Request, { params }: Params) {
  return withWebhookApiKey(request, async (manager) => {
    const { id } = await params;
    if (!isUuid(id)) throw notFound();
    const rotated = await rotateWebhookSecret(manager, id);
    return apiJson({
      id: rotated.id,
      secret: rotated.secret,
      previousSecretValidUntil: rotated.previousSecretExpiresAt.toISOString(),
    });
  });
}
