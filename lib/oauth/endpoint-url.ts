/**
 * Microsoft's device endpoint sits next to its authorization endpoint:
 * `…/oauth2/v2.0/authorize` → `…/oauth2/v2.0/devicecode`. The rule applies
 * only when the path's last segment is exactly `authorize`; otherwise (Google's
 * `…/auth`, a trailing slash, anything unknown) there is nothing to derive and
 * the device endpoint must be typed. The query and fragment are dropped: they
 * are authorization-request parameters, meaningless to the device request.
 */
export function deriveDeviceEndpoint(authorizationUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(authorizationUrl);
  } catch {
    return null;
  }
  const segments = url.pathname.split("/");
  if (segments.at(-1) !== "authorize") return null;
  segments[segments.length - 1] = "devicecode";
  return `${url.origin}${segments.join("/")}`;
}

/** Parameters that belong to this one authorization request: Relais's values always win. */
const PROTOCOL_KEYS = new Set([
  "client_id",
  "redirect_uri",
  "response_type",
  "response_mode",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "login_hint",
]);

/**
 * Builds the URL the browser is sent to. The registered authorization URL may
 * carry extra parameters the provider needs (Google: `prompt=consent&access_type=offline`,
 * without which no refresh token comes back); they are kept. Each key appears once:
 * - protocol keys (client_id, redirect_uri, state, scope, PKCE, login_hint, …)
 *   come from Relais only; the registered URL's values are dropped, even when
 *   Relais sends none, because a typed `state`, `redirect_uri` or `response_mode`
 *   would break what the callback checks;
 * - any other key (prompt, access_type, …): the registered value when there is
 *   one, since the administrator set it deliberately; Relais's value otherwise.
 * A key repeated in the registered URL keeps its first value. Undefined values are skipped.
 */
export function mergeAuthorizationParams(
  authorizationUrl: string,
  params: Record<string, string | undefined>,
): string {
  const url = new URL(authorizationUrl);
  const merged = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!PROTOCOL_KEYS.has(key) && !merged.has(key)) merged.set(key, value);
  }
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (PROTOCOL_KEYS.has(key) || !merged.has(key)) merged.set(key, value);
  }
  url.search = new URLSearchParams([...merged]).toString();
  url.hash = "";
  return url.toString();
}
