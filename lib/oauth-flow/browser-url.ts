import { localProvidersAllowed } from "@/lib/net/outbound-settings";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a provider's URL may be handed to a browser (a redirect, a link, a
 * QR code): https, or plain http to this machine under the local-provider
 * setting (the fakes). Anything else, `javascript:` included, is refused.
 */
export function isBrowserUrl(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    if (protocol === "https:") return true;
    return protocol === "http:" && localProvidersAllowed() && LOCAL_HOSTS.has(hostname);
  } catch {
    return false;
  }
}
