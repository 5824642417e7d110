import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CliIo } from "@/lib/cli/command";
import { runCli } from "@/lib/cli/run-cli";
import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { loadKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { webhookPreviousSecretAad, webhookSecretAad } from "@/lib/webhooks/webhook-secret";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const v1 = randomBytes(32).toString("base64");
const v2 = randomBytes(32).toString("base64");
const onlyV1 = loadKeyring({ RELAIS_ENCRYPTION_KEY: v1 });
const onlyV2 = loadKeyring({ RELAIS_ENCRYPTION_KEYS: `v2:${v2}` });

// The process's keyring, as after step 1 of a rotation: v2 added, v1 kept (docs/secrets.md).
process.env.RELAIS_ENCRYPTION_KEYS = `v1:${v1},v2:${v2}`;

useTestDatabase();

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: async () => "",
  };
  const code = await runCli(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Configurations whose secrets were stored before the rotation, under v1. */
async function secretsUnderV1(count: number) {
  const { tenant, admin } = await seedTenantWithPeople();
  const ctx = await contextFor(admin, tenant, "clients.write");
  const db = await getDb();
  const stored: { id: string; secret: string }[] = [];
  for (let i = 0; i < count; i++) {
    const secret = `secret-${i}-${randomBytes(6).toString("hex")}`;
    const { id } = await createClientConfiguration(ctx, {
      name: `Microsoft ${i}`,
      provider: "microsoft",
      clientId: `client-${i}`,
      authorizationEndpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
      tokenEndpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
      scopes: "https://outlook.office.com/SMTP.Send offline_access",
      defaultFlow: "authorization_code",
      pkce: "true",
      smtpHost: "smtp.office365.com",
      smtpPort: "587",
      smtpSecurity: "starttls",
    });
    await db.clientConfiguration.update({
      where: { id },
      data: { clientSecretCipher: encryptSecret(secret, clientSecretAad(id), onlyV1) },
    });
    stored.push({ id, secret });
  }
  return { tenant, stored };
}

async function cipherOf(id: string) {
  const db = await getDb();
  return (await db.clientConfiguration.findUniqueOrThrow({ where: { id } })).clientSecretCipher!;
}

describe("secrets:rotate", () => {
  it("re-encrypts every client secret under the newest key, in batches, and is idempotent", async () => {
    const { stored } = await secretsUnderV1(5);
    const db = await getDb();
    const total = await db.clientConfiguration.count({ where: { clientSecretCipher: { not: null } } });

    const first = await cli(["secrets:rotate", "--batch-size", "2"]);
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toContain(
      `ClientConfiguration.clientSecretCipher: ${total} re-encrypted, 0 already under v2`,
    );

    for (const { id, secret } of stored) {
      const cipher = await cipherOf(id);
      expect(cipher).toMatch(/^v2\./);
      // Only the new key is needed from now on: v1 can leave the environment.
      expect(decryptSecret(cipher, clientSecretAad(id), onlyV2)).toBe(secret);
      expect(() => decryptSecret(cipher, clientSecretAad(id), onlyV1)).toThrow(SecretDecryptError);
    }

    const again = await cli(["secrets:rotate"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      `ClientConfiguration.clientSecretCipher: 0 re-encrypted, ${total} already under v2`,
    );
  });

  it("re-encrypts webhook endpoints' signing secrets too, the current and the previous one", async () => {
    const { tenant } = await secretsUnderV1(1);
    const db = await getDb();
    const id = (await db.$queryRaw<{ id: string }[]>`SELECT gen_random_uuid()::text AS id`)[0]!.id;
    await db.webhookEndpoint.create({
      data: {
        id,
        tenantId: tenant.id,
        url: "https://timetable.example.org/hooks",
        eventTypes: ["mail.sent"],
        secretCipher: encryptSecret("whsec_current", webhookSecretAad(id), onlyV1),
        previousSecretCipher: encryptSecret("whsec_previous", webhookPreviousSecretAad(id), onlyV1),
        previousSecretExpiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const result = await cli(["secrets:rotate"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("WebhookEndpoint.secretCipher: 1 re-encrypted");
    expect(result.out).toContain("WebhookEndpoint.previousSecretCipher: 1 re-encrypted");
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(decryptSecret(row.secretCipher, webhookSecretAad(id), onlyV2)).toBe("whsec_current");
    expect(decryptSecret(row.previousSecretCipher!, webhookPreviousSecretAad(id), onlyV2)).toBe(
      "whsec_previous",
    );
  });

  it("reports a value no key opens, leaves it alone, rotates the rest and exits with 1", async () => {
    const { stored } = await secretsUnderV1(2);
    const [broken, fine] = stored as [(typeof stored)[0], (typeof stored)[0]];
    const db = await getDb();
    // Encrypted for another row: its associated data no longer matches.
    const misplaced = encryptSecret("moved", clientSecretAad(fine.id), onlyV1);
    await db.clientConfiguration.update({
      where: { id: broken.id },
      data: { clientSecretCipher: misplaced },
    });

    const result = await cli(["secrets:rotate"]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`cannot decrypt ClientConfiguration.clientSecretCipher of row ${broken.id}`);
    expect(result.err).not.toContain("moved");
    expect(await cipherOf(broken.id)).toBe(misplaced);
    expect(decryptSecret(await cipherOf(fine.id), clientSecretAad(fine.id), onlyV2)).toBe(fine.secret);
  });

  it("refuses a batch size that is not a positive number", async () => {
    const result = await cli(["secrets:rotate", "--batch-size", "0"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("--batch-size");
  });
});
