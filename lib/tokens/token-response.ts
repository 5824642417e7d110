import { z } from "zod";

const seconds = z.preprocess(
  (value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value),
  z.number().int().positive().optional(),
);

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: seconds,
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: seconds,
  scope: z.string().optional(),
  id_token: z.string().min(1).optional(),
});

export type TokenResponse = z.output<typeof tokenResponseSchema>;

/** A successful token response, or null when it is not one (then it is treated as a provider error). */
export function parseTokenResponse(body: unknown): TokenResponse | null {
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) return null;
  // Relais presents the token as a bearer token (XOAUTH2); anything else cannot be used.
  if (parsed.data.token_type && parsed.data.token_type.toLowerCase() !== "bearer") return null;
  return parsed.data;
}

/** A JSON body as an object, or the raw text when it is not JSON (for classification only). */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
