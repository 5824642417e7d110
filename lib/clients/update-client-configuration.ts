import { isUuid } from "@/lib/ids/is-uuid";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { fieldError } from "@/lib/errors/field-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { secretHint } from "@/lib/crypto/secret-hint";
import { getDb } from "@/lib/db/client";
import { restoreConfigErrorConnections } from "./restore-config-error-connections";
import {
  lockTransportMailboxes,
  settleTransportChange,
  type TransportSettlement,
} from "@/lib/transports/settle-transport-change";
import { recordMailboxChanges, transportAuditDetails } from "@/lib/transports/switch-transport";
import { clientSecretAad } from "./client-secret-aad";
import { secretExpiryChange } from "./client-secret-expiry";
import { inGoogleTesting } from "@/lib/connections/google-testing";
import { MAILBOX_LOCK_TRANSACTION } from "@/lib/db/mailbox-lock-transaction";
import { lockConfigurationConnections } from "./lock-configuration-connections";
import type { ClientConfigurationForm } from "./client-configuration-form";
import { rethrowNameTaken } from "./name-taken";
import {
  validateClientConfigurationForm,
  type ClientConfigurationFields,
} from "./validate-client-configuration-form";

type SecretChange = "replaced" | "cleared" | null;

// A change to any of these makes earlier test results and "broken" flags meaningless.
const CREDENTIAL_FIELDS = new Set(["provider", "clientId", "tokenEndpoint"]);

function changedFields(before: ClientConfigurationFields, after: ClientConfigurationFields): string[] {
  return (Object.keys(after) as (keyof ClientConfigurationFields)[]).filter((field) => {
    const [old, next] = [before[field], after[field]];
    return Array.isArray(old) && Array.isArray(next) ? old.join(" ") !== next.join(" ") : old !== next;
  });
}

const ticked = (value: string | undefined) => value === "true" || value === "on";

/** What saving "Testing" ticked or not does to the detection: unticked clears it, from now on. */
function testingColumns(
  current: { googleTesting: boolean; googleTestingDetectedAt: Date | null },
  declared: boolean,
) {
  if (declared || (!current.googleTesting && !current.googleTestingDetectedAt)) return {};
  return { googleTestingDetectedAt: null, googleTestingClearedAt: new Date() };
}

/**
 * Saves an edited configuration. The secret: blank keeps the stored one, a
 * new value replaces it, `clearSecret` removes it. The platform application
 * keeps no secret of the tenant's, so switching to it removes the stored one.
 * A new transport is a transport switch (lib/transports/switch-transport.ts):
 * the connections whose grant lacks its sending scope must consent again.
 */
export async function updateClientConfiguration(
  ctx: TenantContext,
  id: string,
  form: ClientConfigurationForm,
) {
  if (!can(ctx, "clients.write")) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const clearSecret = ticked(form.clearSecret);
  if (clearSecret && form.clientSecret?.trim()) {
    throw new DomainError("invalid_input", "errors.invalidInput", undefined, {
      clientSecret: "clients.validation.secretReplaceOrClear",
    });
  }
  const db = await getDb();
  // A token refresh may hold one of the mailboxes' locks (below) for a few seconds.
  return db
    .$transaction(async (tx) => {
      const { clientSecretCipher, ...current } =
        (await tx.clientConfiguration.findFirst({
          where: { id, tenantId: ctx.tenantId },
        })) ?? throwNotFound();
      const hasStoredSecret = clientSecretCipher !== null && !clearSecret;
      // A form that does not name a transport, a keep-alive window or "Testing" (an older caller) keeps the stored one.
      const { fields, secret, secretExpiresOn, warnings } = validateClientConfigurationForm(
        {
          ...(form.transport === undefined
            ? {
                ...form,
                transport: current.transport,
                apiBaseUrl: form.apiBaseUrl ?? current.apiBaseUrl ?? "",
              }
            : form),
          keepAliveDays:
            form.keepAliveDays ?? (current.keepAliveDays === null ? "" : String(current.keepAliveDays)),
          googleTesting: form.googleTesting ?? String(inGoogleTesting(current)),
        },
        { hasStoredSecret },
      );
      // Tokens belong to the client that issued them: a configuration whose mailboxes hold some keeps its
      // client. Another one is a copy to move them to, which withdraws their grants from this one while it
      // can still speak for them. Their rows are locked first (before the configuration's, as below): a
      // grant being stored meanwhile is either seen here, or refused once this commits (its store reads
      // the configuration's client after taking the mailbox's lock, storeConnectionTokens).
      if (fields.clientId !== current.clientId || fields.provider !== current.provider) {
        const field = fields.clientId !== current.clientId ? "clientId" : "provider";
        const connected = await tx.$queryRaw<{ connected: boolean }[]>`
          SELECT "refreshTokenCipher" IS NOT NULL OR "accessTokenCipher" IS NOT NULL AS connected
            FROM "Mailbox"
           WHERE "tenantId" = ${ctx.tenantId}::uuid AND "clientConfigurationId" = ${id}::uuid
           ORDER BY id
             FOR UPDATE`;
        if (connected.some((row) => row.connected))
          throw fieldError(field, "clients.validation.clientIdHasConnections");
        // Grants of mailboxes moved away or revoked, still being withdrawn: each attempt authenticates
        // as this configuration's client, which must stay the one they were issued to until then.
        const withdrawing = await tx.pendingRevocation.count({
          where: { tenantId: ctx.tenantId, clientConfigurationId: id, clientId: current.clientId },
        });
        if (withdrawing > 0) throw fieldError(field, "clients.validation.clientIdWithdrawing");
      }
      const transportChanged = fields.transport !== current.transport;
      // Locked before the configuration's row is written (see lockTransportMailboxes).
      const following = transportChanged
        ? await lockTransportMailboxes(tx, ctx.tenantId, { clientConfigurationId: id })
        : [];
      // "Testing" unticked: a detection is cleared, and grants given before now are no evidence any more.
      const testing = testingColumns(current, fields.googleTesting);
      // The forecasts of its connections follow these (a trigger): their rows are locked first, likewise.
      if (
        fields.provider !== current.provider ||
        fields.tokenEndpoint !== current.tokenEndpoint ||
        inGoogleTesting({ ...current, ...testing, provider: fields.provider }) !== inGoogleTesting(current)
      ) {
        await lockConfigurationConnections(tx, ctx.tenantId, id);
      }

      let secretChange: SecretChange = null;
      let secretColumns = {};
      if (secret !== undefined) {
        secretChange = "replaced";
        secretColumns = {
          clientSecretCipher: encryptSecret(secret, clientSecretAad(id)),
          clientSecretHint: secretHint(secret),
        };
      } else if (clientSecretCipher !== null && (clearSecret || fields.provider === "platform_microsoft")) {
        secretChange = "cleared";
        secretColumns = { clientSecretCipher: null, clientSecretHint: null };
      }
      const expiry = secretExpiryChange(current, secretChange, secretExpiresOn);
      const changed = changedFields(current, fields);
      if (expiry.to !== expiry.from) changed.push("clientSecretExpiresOn");
      const credentialsChanged = secretChange !== null || changed.some((f) => CREDENTIAL_FIELDS.has(f));
      await tx.clientConfiguration.updateMany({
        where: { id, tenantId: ctx.tenantId },
        data: {
          ...fields,
          ...testing,
          ...secretColumns,
          ...expiry.columns,
          ...(credentialsChanged
            ? { brokenAt: null, brokenReason: null, lastTestedAt: null, lastTestOutcome: null }
            : {}),
        },
      });
      if (credentialsChanged)
        await restoreConfigErrorConnections(tx, { tenantId: ctx.tenantId, clientConfigurationId: id });
      // A new secret (or none): the reminders sent about the old one's expiry no longer count.
      if (secretChange)
        await tx.clientSecretReminder.deleteMany({
          where: { tenantId: ctx.tenantId, clientConfigurationId: id },
        });
      let settled: TransportSettlement | null = null;
      if (transportChanged) settled = await settleTransportChange(tx, ctx.tenantId, fields, following);
      if (changed.length > 0 || secretChange) {
        await recordAudit(tx, ctx, {
          action: "client.updated",
          targetType: "clientConfiguration",
          targetId: id,
          targetLabel: fields.name,
          // Names of fields only: values may be long, and the secret's is never written anywhere.
          details: {
            changed,
            ...(secretChange ? { clientSecret: secretChange } : {}),
            ...(expiry.to !== expiry.from
              ? { clientSecretExpiresOn: { from: expiry.from, to: expiry.to } }
              : {}),
            ...(settled ? transportAuditDetails(current.transport, fields.transport, settled) : {}),
          },
        });
      }
      if (settled) await recordMailboxChanges(tx, ctx, current.transport, fields.transport, settled);
      return {
        id,
        name: fields.name,
        warnings,
        changed,
        secretChange,
        /** The secret's expiry day now stored ("YYYY-MM-DD"), for the form to show. */
        clientSecretExpiresOn: expiry.to,
        mustReconsent: settled?.mustReconsent.length ?? 0,
      };
    }, MAILBOX_LOCK_TRANSACTION)
    .catch(rethrowNameTaken);
}

function throwNotFound(): never {
  throw notFound();
}
