/**
 * The keys that encrypt secrets at rest, read from the environment:
 *
 *   RELAIS_ENCRYPTION_KEYS="v1:<base64 of 32 bytes>,v2:<base64 of 32 bytes>"
 *   RELAIS_ENCRYPTION_KEY="<base64 of 32 bytes>"   (used as v1 when the former is absent)
 *
 * The highest version encrypts; every listed version decrypts. Error messages
 * name the variable and the entry's position, never what the entry holds.
 */
export type Keyring = {
  /** The version new ciphertexts are written with (the highest one). */
  readonly currentVersion: number;
  readonly keys: ReadonlyMap<number, Buffer>;
};

export class KeyringConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringConfigError";
  }
}

const KEY_BYTES = 32;
const GENERATE_HINT = "Generate a key with: openssl rand -base64 32";

function decodeKey(text: string): Buffer | null {
  // Standard or URL-safe base64, padding optional; anything else is a typo, not a key.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return key.length === KEY_BYTES ? key : null;
}

function parseKeyList(value: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  value.split(",").forEach((raw, index) => {
    const entry = raw.trim();
    const position = `entry ${index + 1}`;
    const match = /^v([1-9][0-9]{0,5}):(.*)$/.exec(entry);
    if (!match) {
      throw new KeyringConfigError(
        `RELAIS_ENCRYPTION_KEYS ${position} is malformed: expected v<N>:<base64 of 32 bytes>. ${GENERATE_HINT}`,
      );
    }
    const version = Number(match[1]);
    const key = decodeKey(match[2]!.trim());
    if (!key) {
      throw new KeyringConfigError(
        `RELAIS_ENCRYPTION_KEYS ${position} (v${version}) is not the base64 of exactly 32 bytes. ${GENERATE_HINT}`,
      );
    }
    if (keys.has(version)) {
      throw new KeyringConfigError(`RELAIS_ENCRYPTION_KEYS lists version v${version} twice.`);
    }
    keys.set(version, key);
  });
  return keys;
}

/** Reads the keys from `env`; throws KeyringConfigError when they are missing or malformed. */
export function loadKeyring(env: Record<string, string | undefined>): Keyring {
  const list = env.RELAIS_ENCRYPTION_KEYS?.trim();
  const single = env.RELAIS_ENCRYPTION_KEY?.trim();
  let keys: Map<number, Buffer>;
  if (list) {
    keys = parseKeyList(list);
  } else if (single) {
    const key = decodeKey(single);
    if (!key) {
      throw new KeyringConfigError(
        `RELAIS_ENCRYPTION_KEY is not the base64 of exactly 32 bytes. ${GENERATE_HINT}`,
      );
    }
    keys = new Map([[1, key]]);
  } else {
    throw new KeyringConfigError(
      `RELAIS_ENCRYPTION_KEYS or RELAIS_ENCRYPTION_KEY must be set to encrypt secrets at rest. ${GENERATE_HINT}`,
    );
  }
  return { currentVersion: Math.max(...keys.keys()), keys };
}

let processKeyring: Keyring | undefined;

/** The process's keyring, read from process.env on first use. Call it at startup to fail early. */
export function getKeyring(): Keyring {
  processKeyring ??= loadKeyring(process.env);
  return processKeyring;
}
