import { z } from "zod";
import { isBrowserUrl } from "./browser-url";

const seconds = z.preprocess(
  (value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value),
  z.number().int().positive(),
);

const deviceResponseSchema = z
  .object({
    device_code: z.string().min(1).max(2000),
    user_code: z.string().regex(/^[\x21-\x7e]{1,64}$/),
    verification_uri: z.string().max(2000).optional(),
    // Google's spelling.
    verification_url: z.string().max(2000).optional(),
    verification_uri_complete: z.string().max(2000).optional(),
    expires_in: seconds,
    interval: seconds.optional(),
  })
  .transform((body) => ({
    deviceCode: body.device_code,
    userCode: body.user_code,
    verificationUri: body.verification_uri ?? body.verification_url ?? "",
    verificationUriComplete:
      body.verification_uri_complete && isBrowserUrl(body.verification_uri_complete)
        ? body.verification_uri_complete
        : null,
    expiresIn: body.expires_in,
    // RFC 8628 §3.2: 5 seconds when the provider says nothing.
    interval: body.interval ?? 5,
  }))
  .refine((device) => isBrowserUrl(device.verificationUri));

export type DeviceResponse = z.output<typeof deviceResponseSchema>;

/** A device authorization response (RFC 8628 §3.2), or null when it is not a usable one. */
export function parseDeviceResponse(body: unknown): DeviceResponse | null {
  const parsed = deviceResponseSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}
