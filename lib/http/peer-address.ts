/**
 * The TCP peer of a request (the address at the other end of its socket),
 * carried from Node.js's HTTP server into the App Router in a request
 * header whose name is random per process, so that no client can send it.
 *
 * Why not X-Forwarded-For: App Router code never sees the socket, and with
 * `next start` Next.js (16.4, node_modules/next/dist/server/base-server.js,
 * handleRequestImpl) does NOT append the socket's address to
 * X-Forwarded-For; it only fills the header in when the request has none:
 *
 *     req.headers['x-forwarded-for'] ??= originalRequest?.socket?.remoteAddress
 *
 * So a client that sends its own X-Forwarded-For replaces the socket's
 * address altogether, and no hop of that header says who connected.
 * lib/http/peer-address-stamp.ts writes this header instead (started from
 * instrumentation.ts); lib/http/client-ip.ts reads it.
 */
const HEADER_NAME_KEY = "__relaisPeerAddressHeader";

type Holder = { [HEADER_NAME_KEY]?: string };

/**
 * The header's name in this process: shared through globalThis, because the
 * stamp (instrumentation) and its readers (route and page bundles) are
 * separate module instances of one process.
 */
export function peerAddressHeader(): string {
  const holder = globalThis as Holder;
  holder[HEADER_NAME_KEY] ??= `x-relais-peer-${crypto.randomUUID().replaceAll("-", "")}`;
  return holder[HEADER_NAME_KEY];
}
