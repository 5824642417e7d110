import type { FakeProvidersHandle } from "@/dev/fake-providers";

export interface MimeParts {
  from?: string;
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
}

/** A small MIME message with CRLF line ends; absent fields are left out. */
export function mime(parts: MimeParts): string {
  const fields: Array<[string, string | undefined]> = [
    ["From", parts.from],
    ["To", parts.to],
    ["Cc", parts.cc],
    ["Bcc", parts.bcc],
    ["Subject", parts.subject ?? "Bulletin"],
    ["Message-ID", `<${Math.random().toString(36).slice(2)}@relais.test>`],
    ["MIME-Version", "1.0"],
    ["Content-Type", "text/plain; charset=utf-8"],
  ];
  const head = fields.flatMap(([name, value]) => (value === undefined ? [] : [`${name}: ${value}`]));
  return `${head.join("\r\n")}\r\n\r\n${parts.body ?? "Bonjour"}\r\n`;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function read(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Graph sendMail as Relais' worker calls it: the MIME message base64-encoded, `text/plain`. */
export async function graphSendMail(
  fakes: FakeProvidersHandle,
  token: string | undefined,
  message: string,
  options: { user?: string; contentType?: string; body?: string } = {},
): Promise<ApiResponse> {
  const path = options.user ? `users/${encodeURIComponent(options.user)}` : "me";
  const headers: Record<string, string> = { "Content-Type": options.contentType ?? "text/plain" };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${fakes.microsoft.graphBaseUrl}/v1.0/${path}/sendMail`, {
    method: "POST",
    headers,
    body: options.body ?? Buffer.from(message, "utf8").toString("base64"),
  });
  return read(response);
}

/** Gmail messages.send as Relais' worker calls it: JSON `{ raw: base64url(MIME) }`. */
export async function gmailSend(
  fakes: FakeProvidersHandle,
  token: string | undefined,
  message: string,
  options: { user?: string; body?: unknown } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(
    `${fakes.google.gmailApiBaseUrl}/gmail/v1/users/${encodeURIComponent(options.user ?? "me")}/messages/send`,
    {
      method: "POST",
      headers,
      body: JSON.stringify(options.body ?? { raw: Buffer.from(message, "utf8").toString("base64url") }),
    },
  );
  return read(response);
}

/** A GET with a bearer token, as the preflight reads a profile (`/v1.0/me`, `users/me/profile`). */
export async function apiGet(url: string, token: string | undefined): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  return read(await fetch(url, { headers }));
}

/** The `error` object of a Graph or Google API error body. */
export function errorOf(response: ApiResponse): Record<string, unknown> {
  const body = response.json as { error?: Record<string, unknown> } | undefined;
  return body?.error ?? {};
}

/** Google's `errors[0].reason`. */
export function googleReason(response: ApiResponse): unknown {
  const errors = errorOf(response).errors as Array<{ reason?: unknown }> | undefined;
  return errors?.[0]?.reason;
}
