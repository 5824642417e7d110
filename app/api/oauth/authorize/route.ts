import { cookies, headers } from "next/headers";
import { getSessionUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/client-ip";
import { requestIdOf } from "@/lib/http/request-id";
import { BROWSER_BINDING_COOKIE } from "@/lib/oauth-flow/browser-binding";
import { linkActor, personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { seeOther, showResult } from "@/lib/oauth-flow/flow-redirect";
import { flowResultOfError } from "@/lib/oauth-flow/flow-result-of-error";
import { returnPathFor } from "@/lib/oauth-flow/return-path";
import { startAuthorization } from "@/lib/oauth-flow/start-authorization";

export const dynamic = "force-dynamic";

/**
 * Starts connecting a mailbox: `?tenant=<slug>&mailbox=<id>` for a signed-in
 * person (checked here: session, membership, right to that mailbox), or
 * `?link=<token>` for a connect link's holder. Sends the browser to the
 * provider with a fresh state, or to a result page saying why not.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const query = url.searchParams;
  try {
    const binding = (await cookies()).get(BROWSER_BINDING_COOKIE)?.value;
    const link = query.get("link");
    let actor: FlowActor;
    let mailboxId: string;
    let returnTo = "";
    if (link) {
      actor = await linkActor(link, clientIp(await headers()));
      mailboxId = actor.link.mailboxId;
    } else {
      const user = await getSessionUser();
      if (!user) return seeOther(`/signin?callbackUrl=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
      const person = await personActor(user, query.get("tenant") ?? "");
      actor = person;
      mailboxId = query.get("mailbox") ?? "";
      returnTo = returnPathFor(person.ctx, mailboxId, query.get("returnTo"));
    }
    const started = await startAuthorization(actor, mailboxId, { browserBinding: binding, returnTo });
    return seeOther(started.authorizationUrl, started.browserBinding);
  } catch (error) {
    return showResult(flowResultOfError(error, { requestId: requestIdOf(request) }));
  }
}
