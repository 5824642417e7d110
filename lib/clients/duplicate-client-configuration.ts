import { isUuid } from "@/lib/ids/is-uuid";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { clientSecretAad } from "./client-secret-aad";
import type { ClientConfigurationIdInput } from "./client-configuration-form";
import { decryptClientSecret } from "./decrypt-client-secret";

const MAX_NAME = 100;

/** "<name> (copy)", then "(copy 2)", "(copy 3)"…: the first one the tenant does not use yet. */
function copyName(name: string, taken: Set<string>, locale: Locale): string {
  const t = createTranslator(locale);
  for (let n = 1; ; n++) {
    const suffix =
      n === 1 ? t("clients.duplicate.copySuffix") : t("clients.duplicate.copySuffixNumbered", { n });
    const candidate = `${name.slice(0, MAX_NAME - suffix.length - 1).trimEnd()} ${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Copies a configuration under a new name. The secret is decrypted and
 * encrypted again for the copy's own id: a ciphertext never moves between rows.
 */
export async function duplicateClientConfiguration(
  ctx: TenantContext,
  { id }: ClientConfigurationIdInput,
  locale: Locale,
) {
  if (!can(ctx, "clients.write")) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  // Two copies at once may pick the same name; the unique index refuses one, which then tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const source = await tx.clientConfiguration.findFirst({ where: { id, tenantId: ctx.tenantId } });
        if (!source) throw notFound();
        const names = await tx.clientConfiguration.findMany({
          where: { tenantId: ctx.tenantId, name: { startsWith: source.name.slice(0, 50) } },
          select: { name: true },
        });
        const name = copyName(source.name, new Set(names.map((row) => row.name)), locale);
        const copyId = randomUUID();
        const {
          id: _id,
          createdAt: _createdAt,
          updatedAt: _updatedAt,
          brokenAt: _brokenAt,
          brokenReason: _brokenReason,
          lastTestedAt: _lastTestedAt,
          lastTestOutcome: _lastTestOutcome,
          clientSecretCipher,
          ...columns
        } = source;
        await tx.clientConfiguration.create({
          data: {
            ...columns,
            id: copyId,
            name,
            clientSecretCipher:
              clientSecretCipher === null
                ? null
                : encryptSecret(decryptClientSecret(id, clientSecretCipher), clientSecretAad(copyId)),
          },
        });
        await recordAudit(tx, ctx, {
          action: "client.duplicated",
          targetType: "clientConfiguration",
          targetId: copyId,
          targetLabel: name,
          details: { sourceId: id, sourceName: source.name },
        });
        return { id: copyId, name };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}
