import { MICROSOFT_LOGIN_HOST } from "@/lib/oauth/presets";

export const GOOGLE_ISSUER = "https://accounts.google.com";
/** Microsoft's multi-tenant directories publish this template; `{tenantid}` is the person's directory. */
export const MICROSOFT_ISSUER_TEMPLATE = `https://${MICROSOFT_LOGIN_HOST}/{tenantid}/v2.0`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The issuer an authorization's answers must come from, decided from the
 * authorization endpoint the browser is sent to:
 * - Google's host: `https://accounts.google.com`;
 * - Microsoft's host: `https://login.microsoftonline.com/<tenant id>/v2.0` for a
 *   tenant directory, the `{tenantid}` template for organizations/common/consumers;
 * - anything else (custom providers, the local fakes): the endpoint's origin.
 */
export function expectedIssuerFor(authorizationEndpoint: string): string {
  const url = new URL(authorizationEndpoint);
  if (url.hostname === "accounts.google.com") return GOOGLE_ISSUER;
  if (url.hostname === MICROSOFT_LOGIN_HOST) {
    const directory = url.pathname.split("/")[1] ?? "";
    return GUID.test(directory)
      ? `https://${MICROSOFT_LOGIN_HOST}/${directory.toLowerCase()}/v2.0`
      : MICROSOFT_ISSUER_TEMPLATE;
  }
  return url.origin;
}

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Whether `actual` (a callback's `iss`, an id_token's `iss`) names the
 * expected issuer. An expected issuer without a path stands for the whole
 * server at that origin (a custom provider's issuer may carry a path, such
 * as a realm). Google's id_tokens may say `accounts.google.com` without scheme.
 */
export function issuerMatches(expected: string, actual: string, tenantId?: string): boolean {
  if (actual === expected) return true;
  if (expected === MICROSOFT_ISSUER_TEMPLATE) {
    const match = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/.exec(actual);
    const directory = match?.[1] ?? "";
    return (
      GUID.test(directory) && (tenantId === undefined || tenantId.toLowerCase() === directory.toLowerCase())
    );
  }
  if (expected === GOOGLE_ISSUER) return actual === "accounts.google.com";
  const expectedUrl = new URL(expected);
  return expectedUrl.pathname === "/" && originOf(actual) === expectedUrl.origin;
}
