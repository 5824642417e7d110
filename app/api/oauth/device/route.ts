import { headers } from "next/headers";
import { getSessionUser } from "@/lib/auth/session";
import { publicUrl } from "@/lib/config/public-url";
import { clientIp } from "@/lib/http/client-ip";
import { requestIdOf } from "@/lib/http/request-id";
import { devicePagePath } from "@/lib/oauth-flow/device-page-path";
import { linkActor, personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { seeOther, showResult } from "@/lib/oauth-flow/flow-redirect";
import { flowResultOfError } from "@/lib/oauth-flow/flow-result-of-error";
import { startDeviceAuthorization } from "@/lib/oauth-flow/start-device-authorization";

export const dynamic = "force-dynamic";

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Whether a form post comes from this portal's own pages. A form posted from
 * another site never starts anything in this browser's name. The device pages
 * send no referrer (docs/security-headers.md), and a browser then writes
 * `Origin: null` on their form posts; for those, the browser's own
 * Sec-Fetch-Site (which no page can set) says whether the form was ours.
 */
function postedFromThisPortal(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === "null") return request.headers.get("sec-fetch-site") === "same-origin";
  return !origin || origin === new URL(publicUrl()).origin;
}

/**
 * Starts a device authorization grant (RFC 8628) for a mailbox, from the
 * device page's form: `tenant` + `mailbox` for a signed-in person, or `link`
 * for a connect link. Sends the browser to the page showing the code.
 */
export async function POST(request: Request) {
  if (!postedFromThisPortal(request)) return new Response(null, { status: 403 });
  try {
    const form = await request.formData();
    const link = field(form, "link");
    let actor: FlowActor;
    let mailboxId: string;
    if (link) {
      actor = await linkActor(link, clientIp(await headers()));
      mailboxId = actor.link.mailboxId;
    } else {
      const user = await getSessionUser();
      if (!user) return seeOther("/signin");
      actor = await personActor(user, field(form, "tenant"));
      mailboxId = field(form, "mailbox");
    }
    const { id } = await startDeviceAuthorization(actor, mailboxId);
    return seeOther(devicePagePath(actor, mailboxId, id, link));
  } catch (error) {
    return showResult(flowResultOfError(error, { requestId: requestIdOf(request) }));
  }
}
