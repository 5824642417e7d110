const MASK = "••••";
// Below this length, four characters would give away too much of the secret.
const MIN_LENGTH_FOR_HINT = 12;

/**
 * What a screen may show of a stored secret so that a person can recognise it:
 * "••••abcd" (its last four characters), or only "••••" for a short secret.
 */
export function secretHint(plaintext: string): string {
  const chars = Array.from(plaintext);
  return chars.length < MIN_LENGTH_FOR_HINT ? MASK : MASK + chars.slice(-4).join("");
}
