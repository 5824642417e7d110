import { cookies, headers } from "next/headers";
import { getSessionUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/client-ip";
import { requestIdOf } from "@/lib/http/request-id";
import { BROWSER_BINDING_COOKIE } from "@/lib/oauth-flow/browser-binding";
import { completeAuthorization } from "@/lib/oauth-flow/complete-authorization";
import { showResult } from "@/lib/oauth-flow/flow-redirect";
import { flowResultOfError } from "@/lib/oauth-flow/flow-result-of-error";

export const dynamic = "force-dynamic";

/**
 * Where providers send the browser back (the one redirect URI of the portal).
 * Everything is decided in completeAuthorization; this answers with the result page.
 */
export async function GET(request: Request) {
  try {
    const result = await completeAuthorization({
      params: new URL(request.url).searchParams,
      browserBinding: (await cookies()).get(BROWSER_BINDING_COOKIE)?.value,
      user: await getSessionUser(),
      ip: clientIp(await headers()),
    });
    return showResult(result);
  } catch (error) {
    return showResult(flowResultOfError(error, { requestId: requestIdOf(request) }));
  }
}
