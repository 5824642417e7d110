import { BlockList, isIP } from "node:net";

type Env = Record<string, string | undefined>;

/** The setting that names the reverse proxies whose forwarding headers are believed. */
export const TRUSTED_PROXIES_VARIABLE = "RELAIS_TRUSTED_PROXIES";

export class TrustedProxiesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrustedProxiesError";
  }
}

/**
 * An address as one text per address, or null when it is not one: surrounding
 * spaces, brackets and a port go (`[2001:DB8::1]:443` → `2001:db8::1`,
 * `192.0.2.1:5123` → `192.0.2.1`), IPv6 is written in its canonical short
 * lower-case form, and an IPv4 address in IPv6 clothing (`::ffff:10.0.0.1`,
 * what a dual-stack socket reports for an IPv4 client) becomes plain IPv4.
 * One address has one text, so that the throttle counts it once.
 */
export function canonicalAddress(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (withPort) text = withPort[1]!;
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return null;
  // A zone (fe80::1%eth0) is kept as written; URL parsing would refuse it.
  if (text.includes("%")) return text.toLowerCase();
  let canonical: string;
  try {
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const high = Number.parseInt(mapped[1]!, 16);
  const low = Number.parseInt(mapped[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export interface TrustedProxies {
  /** The entries as parsed, `address/prefix`, for messages and tests. */
  readonly networks: readonly string[];
  /** Whether a canonical address (see canonicalAddress) is one of the trusted proxies. */
  contains(address: string): boolean;
}

function entryError(entry: string, why: string): TrustedProxiesError {
  return new TrustedProxiesError(`${TRUSTED_PROXIES_VARIABLE}: "${entry}" ${why}`);
}

function parseEntry(entry: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } {
  const notAnAddress = () =>
    entryError(
      entry,
      "is not an IP address or network; write addresses and CIDR networks separated by commas, " +
        "e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32, ::1",
    );
  const [addressText, prefixText, extra] = entry.split("/");
  if (extra !== undefined || !addressText || addressText.includes("%")) throw notAnAddress();
  const written = isIP(addressText);
  const address = written === 0 ? null : canonicalAddress(addressText);
  if (!address) throw notAnAddress();
  const family = isIP(address) === 4 ? "ipv4" : "ipv6";
  const max = family === "ipv4" ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText)) throw notAnAddress();
  // ::ffff:10.0.0.0/104 is 10.0.0.0/8 written in IPv6.
  let prefix = Number(prefixText);
  if (written === 6 && family === "ipv4") {
    if (prefix < 96) throw notAnAddress();
    prefix -= 96;
  }
  if (prefix > max) throw notAnAddress();
  if (prefix === 0) {
    throw entryError(
      entry,
      "would trust every address, so that any client could write its own address: list only the reverse proxies' addresses",
    );
  }
  return { address, prefix, family };
}

/**
 * RELAIS_TRUSTED_PROXIES: IP addresses and CIDR networks, IPv4 and IPv6,
 * separated by commas (or spaces). Throws a TrustedProxiesError naming the
 * first entry that is not one; an unset or empty setting trusts no proxy.
 */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const list = new BlockList();
  const networks: string[] = [];
  for (const entry of (raw ?? "").split(/[\s,]+/).filter((part) => part.length > 0)) {
    const network = parseEntry(entry);
    list.addSubnet(network.address, network.prefix, network.family);
    networks.push(`${network.address}/${network.prefix}`);
  }
  return {
    networks,
    contains(address: string) {
      const version = isIP(address);
      if (networks.length === 0 || version === 0) return false;
      try {
        return list.check(address, version === 4 ? "ipv4" : "ipv6");
      } catch {
        return false;
      }
    },
  };
}

let parsed: { raw: string | undefined; proxies: TrustedProxies } | undefined;

/**
 * The configured proxies, parsed once (again only if the setting changes,
 * which only tests do). A malformed setting has already stopped the server
 * at start (lib/config/startup-checks.ts); here it throws.
 */
export function trustedProxies(env: Env = process.env): TrustedProxies {
  const raw = env[TRUSTED_PROXIES_VARIABLE];
  if (!parsed || parsed.raw !== raw) parsed = { raw, proxies: parseTrustedProxies(raw) };
  return parsed.proxies;
}
