const REDACTED = "[redacted]";

// Shapes in which a credential can turn up inside an error's text: a URL's
// user:password@, an Authorization header, a form or query field, a JSON field,
// an SMTP XOAUTH2 exchange.
const PATTERNS: [RegExp, string][] = [
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi, `$1${REDACTED}@`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  [/\bXOAUTH2\s+[A-Za-z0-9+/=]{8,}/g, `XOAUTH2 ${REDACTED}`],
  [
    /\b(access_token|refresh_token|id_token|client_secret|password|token|code|assertion)=[^&\s"']+/gi,
    `$1=${REDACTED}`,
  ],
  [
    /"(access_token|refresh_token|id_token|client_secret|password|token|accessToken|refreshToken|clientSecret)"\s*:\s*"[^"]*"/g,
    `"$1":"${REDACTED}"`,
  ],
];

/**
 * An error's text with anything shaped like a credential replaced. A second
 * line of defence: no code means to put a secret in an error's message.
 */
export function scrubSecrets(text: string): string {
  return PATTERNS.reduce((scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement), text);
}
