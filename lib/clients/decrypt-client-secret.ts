import { decryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import { clientSecretAad } from "./client-secret-aad";
import { SecretUnreadableError } from "./client-errors";

/**
 * A configuration's secret in clear, for a request to its provider only.
 * A secret that no configured key opens (a key removed too early, a value
 * moved between rows) must be pasted again: an expected failure, said so.
 */
export function decryptClientSecret(id: string, ciphertext: string): string {
  try {
    return decryptSecret(ciphertext, clientSecretAad(id));
  } catch (error) {
    if (error instanceof SecretDecryptError) throw new SecretUnreadableError();
    throw error;
  }
}
