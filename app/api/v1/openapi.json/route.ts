import { withApiRequest } from "@/lib/api/api-request";
import { openApiDocument } from "@/lib/api/openapi-document";

/** Public: the API's description, for client generators and readers. */
export function GET(request: Request) {
  return withApiRequest(request, async () => Response.json(openApiDocument));
}
