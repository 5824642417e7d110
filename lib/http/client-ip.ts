import { peerAddressHeader } from "./peer-address";
import { canonicalAddress, trustedProxies, type TrustedProxies } from "./trusted-proxies";

export interface AddressHeaders {
  /** The socket's address (see ./peer-address.ts); null when the request did not come through a socket. */
  peer: string | null;
  forwardedFor: string | null;
  realIp: string | null;
}

/**
 * Who sent a request, for throttling and the audit log (docs/client-address.md).
 *
 * The socket's peer, unless the peer is a trusted proxy: then the
 * X-Forwarded-For hops are read from right to left (each proxy appends the
 * address it received the request from) and the first hop that is not a
 * trusted proxy is the client; hops to its left were written by the client
 * and are ignored. If every hop is a trusted proxy, the left-most is the
 * client. A trusted peer that sent no X-Forwarded-For may name the client
 * in X-Real-IP. An untrusted peer's X-Forwarded-For and X-Real-IP are never read.
 * A hop that is not an address ends the walk at the last address known.
 */
export function resolveClientAddress(headers: AddressHeaders, trusted: TrustedProxies): string | null {
  const peer = headers.peer === null ? null : canonicalAddress(headers.peer);
  if (!peer || !trusted.contains(peer)) return peer;
  const hops = (headers.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop.length > 0);
  if (hops.length === 0) {
    return (headers.realIp === null ? null : canonicalAddress(headers.realIp)) ?? peer;
  }
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = canonicalAddress(hops[index]!);
    if (!hop) return client;
    client = hop;
    if (!trusted.contains(hop)) return hop;
  }
  return client;
}

/**
 * The client's address for a request's headers (from next/headers, a
 * route's Request or next-auth's request), with the proxies of
 * RELAIS_TRUSTED_PROXIES. Null when the request carries no socket address.
 */
export function clientIp(headers: Pick<Headers, "get">): string | null {
  return resolveClientAddress(
    {
      peer: headers.get(peerAddressHeader()),
      forwardedFor: headers.get("x-forwarded-for"),
      realIp: headers.get("x-real-ip"),
    },
    trustedProxies(),
  );
}
