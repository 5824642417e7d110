import { createHash, randomInt, timingSafeEqual } from "node:crypto";

// Letters and digits only, without look-alikes (0/O, 1/l/I): people type these
// on a copier's touch screen, and some devices refuse symbols in a password.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const PASSWORD_LENGTH = 25; // 25 × log2(57) ≈ 146 bits
const USERNAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

function randomText(alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i += 1) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** `relay-` and ten random characters: short enough for any device's user-name field. */
export function newRelayUsername(): string {
  return `relay-${randomText(USERNAME_ALPHABET, 10)}`;
}

export function newRelayPassword(): string {
  return randomText(ALPHABET, PASSWORD_LENGTH);
}

/**
 * sha256 of the password. The password is a random 146-bit secret, not a word a
 * person chose, so a slow hash would add nothing against a stolen table while
 * costing every session (docs/smtp-relay.md).
 */
export function hashRelayPassword(password: string): string {
  return createHash("sha256").update(password, "utf8").digest("hex");
}

/** Compares in constant time. */
export function relayPasswordMatches(password: string, storedHash: string): boolean {
  const given = Buffer.from(hashRelayPassword(password), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
