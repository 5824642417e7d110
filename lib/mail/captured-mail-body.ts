import { randomBytes } from "node:crypto";
import { getKeyring, loadKeyring, type Keyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";

/**
 * Captured platform mail (docs/dev-mail.md) holds sign-in, invitation and
 * connect links, whose tokens are credentials: its bodies are stored as
 * AES-256-GCM ciphertexts bound to their row and column, and opened only for
 * the development mail page. A dump of the table shows addresses, subjects
 * and times, never a usable link.
 */
export const capturedMailTextAad = (id: string) => `capturedMail:${id}:text`;
export const capturedMailHtmlAad = (id: string) => `capturedMail:${id}:html`;

type Env = Record<string, string | undefined>;

const processKeyHolder = globalThis as typeof globalThis & { relaisCapturedMailKeyring?: Keyring };

function keyConfigured(env: Env): boolean {
  return Boolean(env.RELAIS_ENCRYPTION_KEYS?.trim() || env.RELAIS_ENCRYPTION_KEY?.trim());
}

/**
 * With no key configured (a development run, a test), a key of this process
 * only, kept across hot reloads: mail captured by this process stays readable
 * by it, and by nobody once it stops. Production always has a key (the
 * startup checks refuse to start without one).
 */
function processOnlyKeyring(): Keyring {
  processKeyHolder.relaisCapturedMailKeyring ??= loadKeyring({
    RELAIS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  });
  return processKeyHolder.relaisCapturedMailKeyring;
}

/** The keyring that encrypts captured mail now: the configured one, else this process's own. */
function sealingKeyring(env: Env): Keyring {
  if (keyConfigured(env) || env.NODE_ENV === "production") return getKeyring();
  return processOnlyKeyring();
}

/** Every keyring that may open a captured body: the configured one, and this process's own if it made one. */
function openingKeyrings(env: Env): Keyring[] {
  const keyrings: Keyring[] = [];
  if (keyConfigured(env)) keyrings.push(getKeyring());
  if (processKeyHolder.relaisCapturedMailKeyring) keyrings.push(processKeyHolder.relaisCapturedMailKeyring);
  return keyrings;
}

export interface CapturedMailBody {
  text: string;
  html?: string | null;
}

/** The stored form of a captured mail's bodies, for the row `id`. */
export function sealCapturedMail(id: string, body: CapturedMailBody, env: Env = process.env) {
  const keyring = sealingKeyring(env);
  return {
    textCipher: encryptSecret(body.text, capturedMailTextAad(id), keyring),
    htmlCipher: body.html ? encryptSecret(body.html, capturedMailHtmlAad(id), keyring) : null,
  };
}

function open(cipher: string, aad: string, env: Env): string | null {
  for (const keyring of openingKeyrings(env)) {
    try {
      return decryptSecret(cipher, aad, keyring);
    } catch (error) {
      if (!(error instanceof SecretDecryptError)) throw error;
    }
  }
  return null;
}

/**
 * A captured mail's bodies in clear, or null for a body that no key of this
 * process opens (written by another process with another key, or before a
 * restart without a configured key).
 */
export function openCapturedMail(
  row: { id: string; textCipher: string; htmlCipher: string | null },
  env: Env = process.env,
): { text: string | null; html: string | null } {
  return {
    text: open(row.textCipher, capturedMailTextAad(row.id), env),
    html: row.htmlCipher === null ? null : open(row.htmlCipher, capturedMailHtmlAad(row.id), env),
  };
}
