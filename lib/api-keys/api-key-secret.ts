import { createHash, randomBytes } from "node:crypto";

const KEY_FORMAT = /^relais_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** A new key `relais_<prefix>_<secret>`: shown once; only its sha256 is stored. */
export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(8).toString("hex").slice(0, 8);
  const key = `relais_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The key from an `Authorization: Bearer …` header, or null when it is not one of ours. */
export function apiKeyFromHeader(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? "");
  const key = match?.[1];
  return key && KEY_FORMAT.test(key) ? key : null;
}
