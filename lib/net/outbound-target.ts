import { isIPv4 } from "node:net";
import { addressPolicyFor, refusalFor, type AddressPolicy } from "./address-policy";
import { parseHostLiteral } from "./host-literal";
import { OutboundRefusedError } from "./outbound-refused-error";

export type OutboundTarget = { url: URL; policy: AddressPolicy; literalAddress: string | null };

/** The host exactly as typed, before the URL parser turns `0x7f.1` into `127.0.0.1`. */
function typedHostOf(input: string): string | null {
  const authority = /^\s*[a-z][a-z0-9+.-]*:[/\\]*([^/\\?#]*)/i.exec(input)?.[1];
  if (authority === undefined) return null;
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  return (
    host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:[0-9]*$/, "")
  ).toLowerCase();
}

/**
 * Everything that can be decided before connecting: scheme, numeric host
 * spellings, IP-literal hosts. Names are judged later, by the guarded lookup.
 */
export function checkOutboundTarget(input: string | URL, allowLocalProviders: boolean): OutboundTarget {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundRefusedError("invalid_url", "");
  }
  const host = url.hostname;
  const httpAllowed = allowLocalProviders && url.protocol === "http:";
  if (url.protocol !== "https:" && !httpAllowed)
    throw new OutboundRefusedError("not_https", host, url.protocol);
  const policy = addressPolicyFor(url.protocol as "https:" | "http:", allowLocalProviders);

  const typed = typeof input === "string" ? typedHostOf(input) : null;
  const typedLiteral = typed === null ? null : parseHostLiteral(typed);
  const numericSpelling =
    typedLiteral?.kind === "numeric_invalid" ||
    (typedLiteral?.kind === "ipv4" && !typedLiteral.canonical) ||
    // Percent-encoded or full-width digits that the URL parser turned into an IPv4 address.
    (isIPv4(host) && typed !== null && typed !== host);
  if (numericSpelling) throw new OutboundRefusedError("numeric_host", host);

  const literal = parseHostLiteral(host);
  if (literal?.kind === "numeric_invalid") throw new OutboundRefusedError("numeric_host", host);
  const literalAddress = literal ? literal.address : null;
  if (literalAddress) {
    const refusal = refusalFor(literalAddress, policy);
    if (refusal) throw new OutboundRefusedError(refusal.reason, host, refusal.detail);
  }
  return { url, policy, literalAddress };
}
