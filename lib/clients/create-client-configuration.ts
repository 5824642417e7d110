import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { secretHint } from "@/lib/crypto/secret-hint";
import { getDb } from "@/lib/db/client";
import { clientSecretAad } from "./client-secret-aad";
import type { ClientConfigurationForm } from "./client-configuration-form";
import { rethrowNameTaken } from "./name-taken";
import { validateClientConfigurationForm } from "./validate-client-configuration-form";

/** Saves a new configuration; its secret is encrypted bound to the new row's id. */
export async function createClientConfiguration(ctx: TenantContext, form: ClientConfigurationForm) {
  if (!can(ctx, "clients.write")) throw forbidden();
  const { fields, secret, secretExpiresOn, warnings } = validateClientConfigurationForm(form, {
    hasStoredSecret: false,
  });
  const expiresOn = secretExpiresOn ? new Date(`${secretExpiresOn}T00:00:00Z`) : null;
  // The id is made here rather than by the database so that the ciphertext can name it.
  const id = randomUUID();
  const db = await getDb();
  await db
    .$transaction(async (tx) => {
      await tx.clientConfiguration.create({
        data: {
          id,
          tenantId: ctx.tenantId,
          ...fields,
          clientSecretCipher: secret === undefined ? null : encryptSecret(secret, clientSecretAad(id)),
          clientSecretHint: secret === undefined ? null : secretHint(secret),
          clientSecretExpiresOn: expiresOn,
        },
      });
      await recordAudit(tx, ctx, {
        action: "client.created",
        targetType: "clientConfiguration",
        targetId: id,
        targetLabel: fields.name,
        details: {
          provider: fields.provider,
          clientId: fields.clientId,
          secret: secret !== undefined,
          transport: fields.transport,
          ...(secretExpiresOn ? { clientSecretExpiresOn: secretExpiresOn } : {}),
        },
      });
    })
    .catch(rethrowNameTaken);
  return { id, name: fields.name, warnings };
}
