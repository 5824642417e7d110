import { BlockList, isIP } from "node:net";

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) as `192.0.2.1`. */
export function plainIp(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export type ParsedNetwork = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/** `192.168.10.0/24`, `2001:db8::/32`, or a single address (a /32 or /128); null when not one. */
export function parseNetwork(raw: string): ParsedNetwork | null {
  const [addressPart, prefixPart, extra] = raw.trim().split("/");
  if (extra !== undefined || !addressPart) return null;
  const address = plainIp(addressPart);
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixPart !== undefined && !/^\d{1,3}$/.test(prefixPart)) return null;
  const prefix = prefixPart === undefined ? max : Number(prefixPart);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** The canonical text of a network, as stored: `address/prefix`. */
export function formatNetwork(network: ParsedNetwork): string {
  return `${network.address}/${network.prefix}`;
}

/** Whether `ip` lies in one of `networks` (stored CIDR texts); an empty list allows every address. */
export function ipAllowed(ip: string, networks: readonly string[]): boolean {
  if (networks.length === 0) return true;
  const address = plainIp(ip);
  const version = isIP(address);
  if (version === 0) return false;
  const list = new BlockList();
  for (const raw of networks) {
    const network = parseNetwork(raw);
    if (network) list.addSubnet(network.address, network.prefix, network.family);
  }
  return list.check(address, version === 4 ? "ipv4" : "ipv6");
}
