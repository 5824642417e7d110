import type { Context } from "koa";
import type { FakeClient } from "./client-registry";
import type { FakeOAuthServer } from "./fake-world";
import { basicCredentials, peekForm, replaceForm } from "./form-body";
import type { TokenErrorKind } from "./token-error";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ClientCheck {
  clientId: string;
  client?: FakeClient;
  problem?: TokenErrorKind;
}

/**
 * Client authentication as each provider words its refusals (unknown application, bad, expired or
 * missing secret). oidc-provider checks again afterwards; this only decides the wording.
 */
export async function checkClient(
  server: FakeOAuthServer,
  ctx: Context,
  secretOptional = false,
): Promise<ClientCheck> {
  const form = await peekForm(ctx);
  const basic = basicCredentials(ctx);
  const clientId = form.get("client_id") ?? basic?.clientId ?? "";
  const secret = form.get("client_secret") ?? basic?.secret;
  const client = server.world.clients.find(server.name, clientId);
  if (!client) return { clientId, problem: "unknown_client" };
  const directory = (ctx.state as { directory?: string }).directory;
  if (
    client.tenantId &&
    directory &&
    GUID.test(directory) &&
    directory.toLowerCase() !== client.tenantId.toLowerCase()
  ) {
    return { clientId, client, problem: "unknown_client" };
  }
  if (client.clientSecret === undefined) {
    if (secret && server.name === "microsoft") return { clientId, client, problem: "public_client_secret" };
    // Google has no public web clients; a secret sent by a public client is ignored rather than refused.
    form.delete("client_secret");
    delete ctx.req.headers.authorization;
    replaceForm(ctx, form);
    return { clientId, client };
  }
  if (!secret) {
    if (!secretOptional) return { clientId, client, problem: "secret_required" };
    // The device authorization endpoints take the client id alone; oidc-provider wants the secret.
    form.set("client_secret", client.clientSecret);
    replaceForm(ctx, form);
    return { clientId, client };
  }
  if (client.secretExpired) return { clientId, client, problem: "secret_expired" };
  if (secret !== client.clientSecret) return { clientId, client, problem: "bad_secret" };
  return { clientId, client };
}
