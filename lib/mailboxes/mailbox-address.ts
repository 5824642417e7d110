import { z } from "zod";

const emailSyntax = z.email();

/** RFC 5321 caps a path at 256 octets, so an address at 254. */
export const maxAddressLength = 254;

/**
 * The stored form of a mailbox address (trimmed, lower-cased), or null when
 * it is not one. zod's email syntax already refuses CR, LF and \x01, which
 * would break an SMTP XOAUTH2 exchange.
 */
export function normalizeMailboxAddress(raw: string): string | null {
  const address = raw.trim().toLowerCase();
  if (address.length === 0 || address.length > maxAddressLength) return null;
  return emailSyntax.safeParse(address).success ? address : null;
}
