import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getKeyring, type Keyring } from "./keyring";

/**
 * AES-256-GCM for secrets at rest (client secrets, refresh and access tokens).
 *
 * Ciphertext: `v<N>.<iv>.<ciphertext>.<tag>`, base64url parts, 12-byte random IV.
 * The associated data names the row the value belongs to, e.g.
 * `clientConfiguration:<id>:clientSecret`: a ciphertext copied into another row
 * or column no longer decrypts, so a database write cannot move a secret.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Decryption failed. Deliberately says nothing about the value or the key. */
export class SecretDecryptError extends Error {
  constructor(readonly reason: "malformed" | "unknown_key_version" | "authentication_failed") {
    super(`Secret could not be decrypted (${reason})`);
    this.name = "SecretDecryptError";
  }
}

type Parsed = { version: number; iv: Buffer; data: Buffer; tag: Buffer };

function decodePart(part: string): Buffer | null {
  // Node's decoder skips foreign characters; a strict round trip catches edited text.
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return null;
  const bytes = Buffer.from(part, "base64url");
  return bytes.toString("base64url") === part ? bytes : null;
}

function parseCiphertext(ciphertext: string): Parsed {
  const parts = ciphertext.split(".");
  const version = /^v([1-9][0-9]{0,5})$/.exec(parts[0] ?? "");
  if (parts.length !== 4 || !version) throw new SecretDecryptError("malformed");
  const [iv, data, tag] = parts.slice(1).map(decodePart);
  if (!iv || !data || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretDecryptError("malformed");
  }
  return { version: Number(version[1]), iv, data, tag };
}

function requireAad(aad: string): void {
  // An empty binding would let a ciphertext decrypt anywhere: a programming error.
  if (!aad) throw new Error("encryptSecret/decryptSecret need associated data naming the row");
}

export function encryptSecret(plaintext: string, aad: string, keyring: Keyring = getKeyring()): string {
  requireAad(aad);
  const version = keyring.currentVersion;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.keys.get(version)!, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, data, cipher.getAuthTag()].map((bytes) => bytes.toString("base64url"));
  return [`v${version}`, ...parts].join(".");
}

export function decryptSecret(ciphertext: string, aad: string, keyring: Keyring = getKeyring()): string {
  requireAad(aad);
  const { version, iv, data, tag } = parseCiphertext(ciphertext);
  const key = keyring.keys.get(version);
  if (!key) throw new SecretDecryptError("unknown_key_version");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptError("authentication_failed");
  }
}

/** True when the ciphertext was written with an older key than the current one. */
export function needsRotation(ciphertext: string, keyring: Keyring = getKeyring()): boolean {
  return parseCiphertext(ciphertext).version !== keyring.currentVersion;
}

/** The same secret under the current key (for the rotation command); unchanged when already current. */
export function reencrypt(ciphertext: string, aad: string, keyring: Keyring = getKeyring()): string {
  const plaintext = decryptSecret(ciphertext, aad, keyring);
  return needsRotation(ciphertext, keyring) ? encryptSecret(plaintext, aad, keyring) : ciphertext;
}
