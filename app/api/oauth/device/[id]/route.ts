import { headers } from "next/headers";
import { DomainError } from "@/lib/errors/domain-error";
import { getSessionUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/client-ip";
import { requestIdOf } from "@/lib/http/request-id";
import { getTranslator } from "@/lib/i18n/server";
import { deviceStatusBody } from "@/lib/oauth-flow/device-status-body";
import { flowResultOfError } from "@/lib/oauth-flow/flow-result-of-error";
import { linkActor, personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { pollDeviceAuthorization } from "@/lib/oauth-flow/poll-device-authorization";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The device page's poll: `?tenant=<slug>` with a session, or `?link=<token>`.
 * Answers `{ status, userCode, verificationUri, message }`; asks the provider
 * at most once per interval, whatever the number of pages asking.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  try {
    let actor: FlowActor;
    const link = query.get("link");
    if (link) {
      actor = await linkActor(link, clientIp(await headers()));
    } else {
      const user = await getSessionUser();
      if (!user) return json({ error: "unauthenticated" }, 401);
      actor = await personActor(user, query.get("tenant") ?? "");
    }
    const view = await pollDeviceAuthorization(actor, id);
    return json(deviceStatusBody(await getTranslator(), view));
  } catch (error) {
    // A foreign grant, a missing right and a dead link all look the same: nothing here.
    if (error instanceof DomainError) return json({ error: "not_found" }, 404);
    return json(
      { error: "internal", reference: flowResultOfError(error, { requestId: requestIdOf(request) }).code },
      500,
    );
  }
}
