import { withApiRequest } from "@/lib/api/api-request";
import { ApiError, apiErrorResponse } from "@/lib/api/api-response";

export const dynamic = "force-dynamic";

/**
 * Any other address under /api/v1: a JSON 404 for a program, with the API's
 * request id and headers (the page proxy does not see /api/v1), rather than
 * the portal's page for people.
 */
function notFound(request: Request) {
  return withApiRequest(request, async () =>
    apiErrorResponse(new ApiError(404, "not_found", "No such address in the API: see /api/v1/openapi.json.")),
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
