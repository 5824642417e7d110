import { NextResponse, type NextRequest } from "next/server";
import { publicUrl } from "@/lib/config/public-url";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/http/request-id";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * Next.js's proxy (formerly middleware), on the Node.js runtime: a fresh
 * nonce and the security headers for every page and route
 * (docs/security-headers.md). The policy also goes on the request, where
 * Next.js reads the nonce to put it on its own scripts while rendering
 * (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md).
 * Each request also gets its id (lib/http/request-id.ts), on the request for
 * the log entries of the code serving it, and on the response.
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders({
    nonce: newNonce(),
    pathname: request.nextUrl.pathname,
    publicUrl: publicUrl(),
    development: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]!);
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Build output and the icon are files, not documents: next.config.mjs's headers cover them. The
  // machine API (/api/v1/…) answers programs with JSON, under the hottest load the portal takes: its
  // wrappers set its headers and request id themselves (lib/api/api-request.ts), for half the cost
  // of a pass through the proxy (bench/README.md, "API load").
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/).*)"],
};
