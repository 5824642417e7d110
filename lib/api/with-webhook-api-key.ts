import { authenticateApiKeyWithRights } from "@/lib/api-keys/authenticate-api-key";
import { clientIp } from "@/lib/http/client-ip";
import type { WebhookApiKeyManager } from "@/lib/webhooks/webhook-manager";
import { withApiRequest } from "./api-request";
import { ApiError, apiErrorResponse } from "./api-response";
import { unauthenticated } from "./with-api-key";

/**
 * Runs a webhook route handler for a valid, unrevoked API key that may
 * manage the school's webhook endpoints (ApiKey.manageWebhooks): 401 without
 * a valid key, 403 for a key without that right. Every failure becomes a JSON error.
 */
export async function withWebhookApiKey(
  request: Request,
  run: (manager: WebhookApiKeyManager) => Promise<Response>,
) {
  return withApiRequest(request, async (requestId) => {
    let tenantId: string | undefined;
    try {
      const key = await authenticateApiKeyWithRights(request.headers.get("authorization"));
      if (!key) throw unauthenticated();
      tenantId = key.sender.tenantId;
      if (!key.manageWebhooks) {
        throw new ApiError(
          403,
          "forbidden",
          "This API key may not manage webhook endpoints: a school admin can create a key with “May also manage the school's webhook endpoints” ticked, under API keys.",
        );
      }
      return await run({
        kind: "apiKey",
        tenantId: key.sender.tenantId,
        apiKeyId: key.sender.apiKeyId,
        prefix: key.prefix,
        ip: clientIp(request.headers),
      });
    } catch (error) {
      return apiErrorResponse(error, { requestId, tenantId });
    }
  });
}
