import { notFound } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { isUuid } from "@/lib/ids/is-uuid";
import { mailboxScope } from "@/lib/auth/mailbox-scope";
import { missingScopes, requiredMailScopes } from "@/lib/transports/granted-scopes";
import type { ProviderKind } from "@/lib/oauth/presets";
import {
  explainConnectionError,
  type ConnectionErrorExplanation,
} from "@/lib/connections/explain-connection-error";
import { storedGrantEnd, type PredictedGrantEnd } from "@/lib/connections/stored-grant-end";

export interface ConnectionDetails {
  mailboxId: string;
  address: string;
  state: ConnectionState;
  provider: ProviderKind;
  authorizedAccount: string | null;
  scopes: { scope: string; granted: boolean; required: boolean }[];
  missingScopes: string[];
  accessTokenExpiresAt: Date | null;
  hasRefreshToken: boolean;
  connectedAt: Date | null;
  lastRefreshAt: Date | null;
  lastUsedAt: Date | null;
  lastError: ({ code: string; at: Date | null } & ConnectionErrorExplanation) | null;
  predictedEnd: PredictedGrantEnd | null;
  /** The configuration has a revocation endpoint (Google); without one (Microsoft) the person removes the app. */
  providerRevokes: boolean;
}

/** What a person sees about one connection (one of mailboxScope "see"): never a token, only facts about them. */
export async function getConnectionDetails(
  ctx: TenantContext,
  mailboxId: string,
): Promise<ConnectionDetails> {
  if (!isUuid(mailboxId)) throw notFound();
  const db = await getDb();
  const mailbox = await db.mailbox.findFirst({
    where: { AND: [{ id: mailboxId }, mailboxScope(ctx, "see")] },
    include: { clientConfiguration: true },
  });
  if (!mailbox) throw notFound();
  const config = mailbox.clientConfiguration;
  const required = requiredMailScopes(config, mailbox);
  const missing = mailbox.state === "pending" ? [] : missingScopes(required, mailbox.grantedScopes);
  const hasRefreshToken = mailbox.refreshTokenCipher !== null;
  const errorCode = mailbox.lastErrorCode ?? (mailbox.state === "config_error" ? config.brokenReason : null);
  return {
    mailboxId: mailbox.id,
    address: mailbox.address,
    state: mailbox.state,
    provider: config.provider,
    authorizedAccount: mailbox.authorizedAccount,
    scopes: [
      ...mailbox.grantedScopes.map((scope) => ({ scope, granted: true, required: required.includes(scope) })),
      ...missing.map((scope) => ({ scope, granted: false, required: true })),
    ],
    missingScopes: missing,
    accessTokenExpiresAt: mailbox.accessTokenCipher ? mailbox.accessTokenExpiresAt : null,
    hasRefreshToken,
    connectedAt: mailbox.connectedAt,
    lastRefreshAt: mailbox.lastRefreshAt,
    lastUsedAt: mailbox.lastUsedAt,
    lastError: errorCode
      ? { code: errorCode, at: mailbox.lastErrorAt, ...explainConnectionError(errorCode) }
      : null,
    // The forecast the database keeps (the list's and the dashboard's too).
    predictedEnd: storedGrantEnd(mailbox),
    providerRevokes: config.provider !== "platform_microsoft" && Boolean(config.revocationEndpoint),
  };
}
