import { authenticateApiKey, type ApiKeySender } from "@/lib/api-keys/authenticate-api-key";
import { withApiRequest } from "./api-request";
import { ApiError, apiErrorResponse } from "./api-response";

/** The 401 of every route of the API: no key, an unknown one, a revoked one. */
export const unauthenticated = () =>
  new ApiError(401, "unauthenticated", "A valid API key is required (Authorization: Bearer relais_…).");

/** Runs a route handler for a valid, unrevoked API key; every failure becomes a JSON error. */
export async function withApiKey(request: Request, run: (sender: ApiKeySender) => Promise<Response>) {
  return withApiRequest(request, async (requestId) => {
    let tenantId: string | undefined;
    try {
      const sender = await authenticateApiKey(request.headers.get("authorization"));
      if (!sender) throw unauthenticated();
      tenantId = sender.tenantId;
      return await run(sender);
    } catch (error) {
      return apiErrorResponse(error, { requestId, tenantId });
    }
  });
}
