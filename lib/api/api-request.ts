import { publicUrl } from "@/lib/config/public-url";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/http/request-id";
import { apiSecurityHeaders } from "@/lib/http/security-headers";

/**
 * Serves one request of the machine API (`/api/v1/…`), which proxy.ts does
 * not see: gives it its id (the caller's X-Request-Id when it is a plain
 * token, else a new one), passed to the handler for its log entries, and puts
 * that id and the API's security headers on the answer.
 */
export async function withApiRequest(
  request: Request,
  run: (requestId: string) => Promise<Response>,
): Promise<Response> {
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  const response = await run(requestId);
  for (const [name, value] of Object.entries(apiSecurityHeaders(publicUrl())))
    response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}
