import { isIPv4, isIPv6 } from "node:net";
import { parseHostLiteral } from "./host-literal";

/**
 * Which addresses the server may call when a tenant typed the URL. Only
 * global unicast is "public"; everything else is a refusal reason. IPv6 forms
 * that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by
 * that IPv4 address, since that is where the packets end up.
 */
export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link_local"
  | "cgnat"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "documentation"
  | "invalid";

type Range = [base: string, prefix: number, kind: Exclude<AddressClass, "public" | "invalid">];

const IPV4_RANGES: Range[] = [
  ["255.255.255.255", 32, "broadcast"],
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link_local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"], // IETF protocol assignments
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"], // 6to4 relay anycast
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"], // benchmarking
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

function ipv4ToNumber(ip: string): number {
  return ip.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
}

function classifyIPv4(ip: string): AddressClass {
  const value = ipv4ToNumber(ip);
  for (const [base, prefix, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - prefix);
    if (Math.floor(value / size) === Math.floor(ipv4ToNumber(base) / size)) return kind;
  }
  return "public";
}

/** The 16 bytes of a valid IPv6 address (zone already removed). */
function ipv6Bytes(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const groupsOf = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

function startsWith(bytes: number[], prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function embeddedIPv4(bytes: number[], offset: number): string {
  return bytes.slice(offset, offset + 4).join(".");
}

function classifyIPv6(ip: string): AddressClass {
  const bytes = ipv6Bytes(ip);
  const zeros = (count: number) => Array(count).fill(0);
  if (bytes.every((byte) => byte === 0)) return "unspecified";
  if (startsWith(bytes, [...zeros(15), 1])) return "loopback";
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (SIIT), ::a.b.c.d (deprecated compatible form).
  if (startsWith(bytes, [...zeros(10), 0xff, 0xff]) || startsWith(bytes, [...zeros(8), 0xff, 0xff, 0, 0])) {
    return classifyIPv4(embeddedIPv4(bytes, 12));
  }
  if (startsWith(bytes, zeros(12))) return classifyIPv4(embeddedIPv4(bytes, 12));
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, ...zeros(8)])) return classifyIPv4(embeddedIPv4(bytes, 12));
  if (startsWith(bytes, [0x20, 0x02])) return classifyIPv4(embeddedIPv4(bytes, 2));
  const first = bytes[0]!;
  const second = bytes[1]!;
  if (first === 0xff) return "multicast";
  if ((first & 0xfe) === 0xfc) return "private";
  if (first === 0xfe && (second & 0xc0) === 0x80) return "link_local";
  if (startsWith(bytes, [0x20, 0x01, 0x0d, 0xb8]) || (first === 0x3f && (second & 0xf0) === 0xf0)) {
    return "documentation";
  }
  // 2001::/23 holds Teredo (which hides an IPv4 address) and other protocol assignments.
  if (first === 0x20 && second === 0x01 && bytes[2]! < 0x02) return "reserved";
  // Outside 2000::/3 nothing is global unicast (site-local, discard, local NAT64, unassigned).
  return (first & 0xe0) === 0x20 ? "public" : "reserved";
}

/**
 * Classifies an address as the resolver returned it (or a URL host). Numeric
 * IPv4 spellings such as `2130706433` are judged by the address they denote.
 */
export function classifyAddress(ip: string): AddressClass {
  const bare = ip.replace(/^\[(.*)\]$/, "$1");
  if (isIPv4(bare)) return classifyIPv4(bare);
  if (isIPv6(bare)) return classifyIPv6(withoutZone(bare));
  const literal = parseHostLiteral(bare);
  return literal?.kind === "ipv4" ? classifyIPv4(literal.address) : "invalid";
}

function withoutZone(ipv6: string): string {
  return ipv6.replace(/%.*$/, "");
}

/**
 * What the local-provider setting lets through: 127.0.0.0/8 and ::1 (also
 * written ::ffff:127.x.x.x). Not NAT64 or 6to4 forms of 127/8: those leave the machine.
 */
export function isLoopbackAddress(ip: string): boolean {
  const bare = ip.replace(/^\[(.*)\]$/, "$1");
  if (isIPv4(bare)) return classifyIPv4(bare) === "loopback";
  if (!isIPv6(bare)) return false;
  const bytes = ipv6Bytes(withoutZone(bare));
  const zeros = Array(10).fill(0);
  return startsWith(bytes, [...zeros, 0, 0, 0, 0, 0, 1]) || startsWith(bytes, [...zeros, 0xff, 0xff, 127]);
}
