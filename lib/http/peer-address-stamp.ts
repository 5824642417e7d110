import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { peerAddressHeader } from "./peer-address";

const INSTALLED_KEY = "__relaisPeerAddressStampInstalled";

/** Writes the socket's address into the peer header, replacing whatever the request carried. */
export function stampPeerAddress(request: IncomingMessage, header = peerAddressHeader()): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[header] = address;
  else delete request.headers[header];
}

/**
 * Makes every HTTP server of this process stamp each request with its
 * socket's address (see ./peer-address.ts) before any listener sees it.
 * Next.js creates its server before running instrumentation.ts, and
 * exposes neither the server nor the socket to the app, so the stamp wraps
 * the servers' `emit("request")`. Idempotent. A request that arrived before
 * the stamp was installed has no peer header, hence no client address.
 */
export function installPeerAddressStamp(): void {
  const holder = globalThis as { [INSTALLED_KEY]?: boolean };
  if (holder[INSTALLED_KEY]) return;
  holder[INSTALLED_KEY] = true;
  const header = peerAddressHeader();
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit;
    prototype.emit = function emitStamped(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampPeerAddress(args[0] as IncomingMessage, header);
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    };
  }
}
