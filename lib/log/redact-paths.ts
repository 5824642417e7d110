/**
 * Field names that may hold a secret, a token or a mail's content. Code does
 * not log them; should one slip into a log call, pino writes "[redacted]"
 * instead, at the top level of an entry and one level down.
 */
export const SECRET_FIELDS = [
  "password",
  "token",
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "secret",
  "clientSecret",
  "client_secret",
  "apiKey",
  "authorization",
  "cookie",
  "body",
  "text",
  "html",
  "raw",
] as const;

export const redactPaths: string[] = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]);
