import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyringConfigError, loadKeyring } from "@/lib/crypto/keyring";
import {
  SecretDecryptError,
  decryptSecret,
  encryptSecret,
  needsRotation,
  reencrypt,
} from "@/lib/crypto/secret-box";
import { secretHint } from "@/lib/crypto/secret-hint";

const key1 = randomBytes(32).toString("base64");
const key2 = randomBytes(32).toString("base64");
const v1Only = loadKeyring({ RELAIS_ENCRYPTION_KEY: key1 });
const v1AndV2 = loadKeyring({ RELAIS_ENCRYPTION_KEYS: `v1:${key1},v2:${key2}` });
const v2Only = loadKeyring({ RELAIS_ENCRYPTION_KEYS: `v2:${key2}` });

const aad = "clientConfiguration:cfg_1:clientSecret";
const secret = "GOCSPX-very-secret-value-1234";

function decryptError(run: () => unknown): SecretDecryptError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretDecryptError) return error;
    throw error;
  }
  throw new Error("expected a SecretDecryptError");
}

/** Replaces one dot-separated part of a ciphertext. */
function withPart(ciphertext: string, index: number, edit: (part: string) => string): string {
  const parts = ciphertext.split(".");
  parts[index] = edit(parts[index]!);
  return parts.join(".");
}

function flipFirstByte(part: string): string {
  const bytes = Buffer.from(part, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString("base64url");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including empty and non-ASCII text", () => {
    for (const plaintext of [secret, "", "mot de passe élève ✓"]) {
      expect(decryptSecret(encryptSecret(plaintext, aad, v1Only), aad, v1Only)).toBe(plaintext);
    }
  });

  it("writes v<N>.<iv>.<ciphertext>.<tag> with a fresh 12-byte IV each time", () => {
    const first = encryptSecret(secret, aad, v1Only);
    const second = encryptSecret(secret, aad, v1Only);
    const [version, iv, data, tag] = first.split(".");
    expect(version).toBe("v1");
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
  });

  it("encrypts with the highest version", () => {
    expect(encryptSecret(secret, aad, v1AndV2).startsWith("v2.")).toBe(true);
  });

  it.each([
    ["iv", 1],
    ["ciphertext", 2],
    ["tag", 3],
  ])("refuses a tampered %s", (_name, index) => {
    const tampered = withPart(encryptSecret(secret, aad, v1Only), index, flipFirstByte);
    expect(decryptError(() => decryptSecret(tampered, aad, v1Only)).reason).toBe("authentication_failed");
  });

  it("refuses a ciphertext whose version was changed to another known key", () => {
    const moved = withPart(encryptSecret(secret, aad, v1AndV2), 0, () => "v1");
    expect(decryptError(() => decryptSecret(moved, aad, v1AndV2)).reason).toBe("authentication_failed");
  });

  it("refuses a ciphertext moved to another row or column, without naming the secret", () => {
    const ciphertext = encryptSecret(secret, aad, v1Only);
    for (const otherAad of [
      "clientConfiguration:cfg_2:clientSecret",
      "mailboxConnection:cfg_1:refreshToken",
      "clientConfiguration:cfg_1:clientSecret ",
    ]) {
      const error = decryptError(() => decryptSecret(ciphertext, otherAad, v1Only));
      expect(error.reason).toBe("authentication_failed");
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain(ciphertext);
      expect(error.message).not.toContain(key1);
    }
  });

  it("refuses an unknown key version", () => {
    const ciphertext = encryptSecret(secret, aad, v1AndV2);
    expect(decryptError(() => decryptSecret(ciphertext, aad, v1Only)).reason).toBe("unknown_key_version");
  });

  it.each([
    ["empty", ""],
    ["plain text", secret],
    ["too few parts", "v1.AAAA.BBBB"],
    ["too many parts", "v1.a.b.c.d"],
    ["bad version", "x1.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"],
    ["version zero", "v0.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"],
    ["short iv", "v1.AAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"],
    ["short tag", "v1.AAAAAAAAAAAAAAAA.AAAA.AAAA"],
    ["foreign characters", "v1.AAAAAAAAAAAAAAAA.AA*A.AAAAAAAAAAAAAAAAAAAAAA"],
  ])("refuses a malformed ciphertext (%s)", (_name, ciphertext) => {
    expect(decryptError(() => decryptSecret(ciphertext, aad, v1Only)).reason).toBe("malformed");
  });

  it("refuses a ciphertext with a character appended that Node's lenient decoder would ignore", () => {
    const ciphertext = encryptSecret(secret, aad, v1Only);
    const padded = withPart(ciphertext, 3, (tag) => `${tag}=`);
    expect(decryptError(() => decryptSecret(padded, aad, v1Only)).reason).toBe("malformed");
  });

  it("requires associated data", () => {
    expect(() => encryptSecret(secret, "", v1Only)).toThrow(/associated data/);
  });
});

describe("key rotation", () => {
  it("re-encrypts under the new key so that the old one can be dropped", () => {
    const underV1 = encryptSecret(secret, aad, v1Only);
    expect(needsRotation(underV1, v1Only)).toBe(false);
    expect(needsRotation(underV1, v1AndV2)).toBe(true);

    // While v1 is still listed, old ciphertexts keep working.
    expect(decryptSecret(underV1, aad, v1AndV2)).toBe(secret);

    const underV2 = reencrypt(underV1, aad, v1AndV2);
    expect(underV2.startsWith("v2.")).toBe(true);
    expect(needsRotation(underV2, v1AndV2)).toBe(false);
    expect(decryptSecret(underV2, aad, v2Only)).toBe(secret);
    expect(decryptError(() => decryptSecret(underV1, aad, v2Only)).reason).toBe("unknown_key_version");
  });

  it("leaves a current ciphertext as it is", () => {
    const underV2 = encryptSecret(secret, aad, v1AndV2);
    expect(reencrypt(underV2, aad, v1AndV2)).toBe(underV2);
  });

  it("does not re-encrypt a ciphertext bound to another row", () => {
    const underV1 = encryptSecret(secret, aad, v1Only);
    expect(() => reencrypt(underV1, "clientConfiguration:other:clientSecret", v1AndV2)).toThrow(
      SecretDecryptError,
    );
  });
});

describe("loadKeyring", () => {
  it("reads a single key as v1", () => {
    const keyring = loadKeyring({ RELAIS_ENCRYPTION_KEY: key1 });
    expect(keyring.currentVersion).toBe(1);
    expect(keyring.keys.get(1)).toEqual(Buffer.from(key1, "base64"));
  });

  it("prefers the list, picks the highest version, accepts spaces and URL-safe base64", () => {
    const urlSafe = Buffer.from(key2, "base64").toString("base64url");
    const keyring = loadKeyring({
      RELAIS_ENCRYPTION_KEYS: ` v3:${urlSafe} , v1:${key1}`,
      RELAIS_ENCRYPTION_KEY: key2,
    });
    expect(keyring.currentVersion).toBe(3);
    expect([...keyring.keys.keys()].sort()).toEqual([1, 3]);
    expect(keyring.keys.get(3)).toEqual(Buffer.from(key2, "base64"));
  });

  const shortKey = randomBytes(16).toString("base64");
  it.each([
    ["nothing set", {}, /RELAIS_ENCRYPTION_KEYS or RELAIS_ENCRYPTION_KEY must be set/],
    ["blank values", { RELAIS_ENCRYPTION_KEYS: " ", RELAIS_ENCRYPTION_KEY: "" }, /must be set/],
    ["a 16-byte key", { RELAIS_ENCRYPTION_KEY: shortKey }, /RELAIS_ENCRYPTION_KEY is not the base64/],
    ["not base64", { RELAIS_ENCRYPTION_KEY: "correct horse battery staple" }, /RELAIS_ENCRYPTION_KEY/],
    ["entry without version", { RELAIS_ENCRYPTION_KEYS: key1 }, /entry 1 is malformed/],
    ["version zero", { RELAIS_ENCRYPTION_KEYS: `v0:${key1}` }, /entry 1 is malformed/],
    ["short key in list", { RELAIS_ENCRYPTION_KEYS: `v1:${key1},v2:${shortKey}` }, /entry 2 \(v2\)/],
    ["trailing comma", { RELAIS_ENCRYPTION_KEYS: `v1:${key1},` }, /entry 2 is malformed/],
    ["duplicate version", { RELAIS_ENCRYPTION_KEYS: `v1:${key1},v1:${key2}` }, /v1 twice/],
  ])("refuses %s with a message naming the variable and no key material", (_name, env, message) => {
    let error: unknown;
    try {
      loadKeyring(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KeyringConfigError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    for (const material of [key1, key2, shortKey, "correct horse"]) expect(text).not.toContain(material);
  });
});

describe("secretHint", () => {
  it.each([
    ["GOCSPX-abcdefgh1234", "••••1234"],
    ["exactly12chr", "••••2chr"],
    ["short-secret", "••••cret"],
    ["eleven-char", "••••"],
    ["abcd", "••••"],
    ["", "••••"],
  ])("%j → %s", (plaintext, hint) => {
    expect(secretHint(plaintext)).toBe(hint);
  });
});
