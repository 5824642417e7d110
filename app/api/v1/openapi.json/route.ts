import { openApiDocument } from "@/lib/api/openapi-document";

/** Public: the API's description, for client generators and readers. */
export function GET() {
  return Response.json(openApiDocument);
}
