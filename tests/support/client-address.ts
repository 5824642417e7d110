import { peerAddressHeader } from "@/lib/http/peer-address";

/**
 * A request's headers as the server's stamp (lib/http/peer-address-stamp.ts)
 * hands them to the app: what the client or its proxies sent, plus the
 * address of the socket it came from.
 */
export function headersFrom(peer: string, sent: Record<string, string> = {}): Record<string, string> {
  return { ...sent, [peerAddressHeader()]: peer };
}
