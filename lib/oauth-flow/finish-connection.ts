import type { ClientCredentials } from "@/lib/clients/resolve-client-credentials";
import type { ConnectableMailbox } from "./find-connectable-mailbox";
import type { FlowActor } from "./flow-actor";
import type { FlowResult } from "./flow-result";
import { auditActorOf } from "./audit-actor";
import { grantedScopesOf, missingScopes, requiredMailScopes } from "@/lib/transports/granted-scopes";
import { preflightAfterConnect } from "./preflight-after-connect";
import { recordConnectFailure } from "./record-connect-failure";
import { storeConnectionTokens } from "./store-connection-tokens";
import type { TokenResponse } from "@/lib/tokens/token-response";
import { verifyIdentity } from "./verify-identity";

const AUDITED_REFUSALS = new Set<FlowResult["outcome"]>([
  "wrong_account",
  "account_refused",
  "smtp_auth_disabled",
]);

/**
 * What both flows do with a token response: check that it belongs to the
 * mailbox, compare the granted scopes with what sending needs, and store it
 * (connected, or insufficient_scope when the mail scope was not granted);
 * once connected, run the preflight check and keep its outcome on the mailbox.
 */
export async function finishConnection(input: {
  actor: FlowActor;
  mailbox: ConnectableMailbox;
  credentials: Pick<ClientCredentials, "clientId">;
  tokens: TokenResponse;
  expectedIssuer: string | null;
  flow: "authorization_code" | "device_code";
  now?: Date;
}): Promise<FlowResult> {
  const { actor, mailbox, tokens } = input;
  const config = mailbox.clientConfiguration;
  const granted = grantedScopesOf(tokens.scope, config.scopes);
  const missing = missingScopes(requiredMailScopes(config, mailbox), granted);
  const identity = await verifyIdentity({
    // A shared mailbox is authorized by its delegate, who sends as it.
    address: mailbox.delegateAccount ?? mailbox.address,
    transport: mailbox.transport,
    config,
    credentials: input.credentials,
    tokens,
    expectedIssuer: input.expectedIssuer,
    mailScopeGranted: missing.length === 0,
  });
  if (!identity.ok) {
    const result: FlowResult = { ...identity.result, mailbox: mailbox.address };
    if (AUDITED_REFUSALS.has(result.outcome)) {
      await recordConnectFailure(
        actor,
        mailbox,
        result,
        result.outcome === "smtp_auth_disabled" ? "smtp_auth_disabled" : null,
      );
    }
    return result;
  }
  const state = missing.length === 0 ? "connected" : "insufficient_scope";
  const { hasRefreshToken } = await storeConnectionTokens({
    by: auditActorOf(actor, mailbox.address),
    tenantId: mailbox.tenantId,
    mailboxId: mailbox.id,
    mailboxAddress: mailbox.address,
    tokens,
    grantedScopes: granted,
    authorizedAccount: identity.account,
    state,
    flow: input.flow,
    connectLinkId: actor.kind === "link" ? actor.link.id : null,
    // The client and the account identity was checked against: the grant is theirs.
    issuedTo: { configuration: config, delegateAccount: mailbox.delegateAccount },
    now: input.now,
  });
  // What would stop the first mail (5.7.139…) is looked for now, and shown on the mailbox page.
  if (state === "connected") await preflightAfterConnect(actor, mailbox);
  return state === "connected"
    ? { outcome: "connected", mailbox: mailbox.address, ...(hasRefreshToken ? {} : { noRefreshToken: true }) }
    : { outcome: "insufficient_scope", mailbox: mailbox.address, missing };
}
