import { isIPv4, isIPv6 } from "node:net";

/**
 * What a host string denotes when it is written as a number. Resolvers
 * (inet_aton) and the WHATWG URL parser accept more IPv4 spellings than the
 * dotted quad: `2130706433`, `0177.0.0.1`, `0x7f.0.0.1`, `127.1` all mean
 * 127.0.0.1. Such spellings are how address filters get bypassed, so Relais
 * recognises them and refuses them in URLs (see safe-fetch).
 */
export type HostLiteral =
  | { kind: "ipv4"; address: string; canonical: boolean }
  | { kind: "ipv6"; address: string }
  /** Numeric-looking but not an address (e.g. `1.2.3.4.5`, `999.1.1.1`): refused too. */
  | { kind: "numeric_invalid" };

const LOOKS_NUMERIC = /^(?:0x[0-9a-f]*|[0-9]+)$/i;
const NUMERIC_PART = /^(?:0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$/i;

function partValue(part: string): number {
  if (/^0x/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (part.length > 1 && part.startsWith("0")) return parseInt(part.slice(1), 8);
  return parseInt(part, 10);
}

function ipv4FromParts(parts: string[]): string | null {
  if (parts.length > 4) return null;
  const values = parts.map(partValue);
  const last = values.pop()!;
  if (values.some((value) => value > 255)) return null;
  // The last part fills all remaining bytes: "127.1" is 127.0.0.1.
  const lastBytes = 4 - values.length;
  if (!Number.isSafeInteger(last) || last >= 2 ** (8 * lastBytes)) return null;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes.join(".");
}

/** Returns what `host` denotes when it is an IP literal in any spelling, null when it is a name. */
export function parseHostLiteral(host: string): HostLiteral | null {
  const bracketed = /^\[(.*)\]$/.exec(host);
  if (bracketed) return isIPv6(bracketed[1]!) ? { kind: "ipv6", address: bracketed[1]! } : null;
  if (isIPv6(host)) return { kind: "ipv6", address: host };
  const parts = (host.endsWith(".") ? host.slice(0, -1) : host).split(".");
  // WHATWG's "ends in a number" rule: a numeric last label makes the whole host an IPv4 attempt.
  if (!LOOKS_NUMERIC.test(parts.at(-1) ?? "")) return null;
  if (!parts.every((part) => NUMERIC_PART.test(part))) return { kind: "numeric_invalid" };
  const address = ipv4FromParts(parts);
  if (!address) return { kind: "numeric_invalid" };
  return { kind: "ipv4", address, canonical: host === address && isIPv4(host) };
}
