/**
 * The security headers of every page and route the proxy (proxy.ts) sees
 * (docs/security-headers.md). Pure, so that the policy is unit-tested;
 * X-Frame-Options and X-Content-Type-Options, which do not vary, stay in
 * next.config.mjs and also cover the static files the proxy skips.
 */

export interface SecurityHeaderInput {
  /** This request's nonce (newNonce()). */
  nonce: string;
  /** The request's path, which decides the referrer policy. */
  pathname: string;
  /** NEXTAUTH_URL: HSTS and upgrade-insecure-requests only when it is https. */
  publicUrl: string;
  /** `next dev`: React's development build needs eval, and the dev overlay inline styles. */
  development: boolean;
}

/** 16 random bytes, base64: unguessable, fresh for every request, and of the form Next.js extracts. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function isHttps(publicUrl: string): boolean {
  try {
    return new URL(publicUrl).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The Content-Security-Policy. Scripts run only with this request's nonce,
 * which Next.js reads back from the policy in the request header and puts on
 * its own scripts; 'strict-dynamic' lets those load the app's chunks.
 * ('self' serves only browsers that do not know 'strict-dynamic': those
 * that do ignore it, so there scripts run with the nonce or not at all.)
 * Styles come from the stylesheet files Tailwind builds ('self') or carry
 * the nonce; no style attribute is allowed, so the app writes none.
 * Images: our own and data: URLs (the device page's QR code).
 */
export function contentSecurityPolicy({
  nonce,
  publicUrl,
  development,
}: Pick<SecurityHeaderInput, "nonce" | "publicUrl" | "development">): string {
  const directives: string[][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    // With a nonce in the list a browser ignores 'unsafe-inline', so development goes without the nonce.
    ["style-src", "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    // Forms post to the portal only; connecting a mailbox leaves for the provider through a link, not a form.
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (isHttps(publicUrl)) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

// Pages whose address carries a connect link's token, an authorization code
// or a device grant: their address is sent nowhere, not even to this portal.
const NO_REFERRER = [
  /^\/connect(\/|$)/,
  /^\/api\/oauth(\/|$)/,
  /^\/oauth(\/|$)/,
  /^\/t\/[^/]+\/mailboxes\/[^/]+\/device(\/|$)/,
];

export function referrerPolicy(pathname: string): "no-referrer" | "same-origin" {
  return NO_REFERRER.some((pattern) => pattern.test(pathname)) ? "no-referrer" : "same-origin";
}

// Two years, subdomains included; only when the portal is served over https,
// since a browser that saw it on http would refuse the portal's plain address.
function withTransportSecurity(headers: Record<string, string>, publicUrl: string): Record<string, string> {
  if (isHttps(publicUrl)) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  return withTransportSecurity(
    {
      "Content-Security-Policy": contentSecurityPolicy(input),
      "Referrer-Policy": referrerPolicy(input.pathname),
    },
    input.publicUrl,
  );
}

/**
 * The headers of the machine API's answers (`/api/v1/…`), which the proxy
 * does not see: JSON for programs, never a document, so a policy that allows
 * nothing at all, and no nonce to make.
 */
export function apiSecurityHeaders(publicUrl: string): Record<string, string> {
  return withTransportSecurity(
    { "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" },
    publicUrl,
  );
}
