import { publicUrl } from "@/lib/config/public-url";

/**
 * The one callback address of this portal. Providers compare it byte for
 * byte with what the school registered, so it is fixed here and shown to the
 * admin exactly as it is sent.
 */
export function oauthRedirectUri(): string {
  return `${publicUrl()}/api/oauth/callback`;
}
