import { normalizeRecipient } from "@/lib/outbox/mail-address";

const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
// An internationalised address (SMTPUTF8): any printable characters but the specials in the
// local part, letters and digits of any script in the domain.
const UTF8_ADDRESS = new RegExp(`^[^\\s@<>()\\[\\],;:"\\\\\\p{Cc}]{1,64}@${LABEL}(?:\\.${LABEL})+$`, "u");

/** A recipient the relay accepts: a plain address, or an internationalised one; null otherwise. */
export function relayRecipient(raw: string): string | null {
  const plain = normalizeRecipient(raw);
  if (plain) return plain;
  const address = raw.trim();
  if (!/[^\x00-\x7f]/.test(address) || Buffer.byteLength(address) > 254) return null;
  if (!UTF8_ADDRESS.test(address)) return null;
  const at = address.lastIndexOf("@");
  return `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
}
