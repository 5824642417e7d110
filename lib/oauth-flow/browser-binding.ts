import { randomBytes } from "node:crypto";
import { hashLinkToken } from "@/lib/auth/tokens";
import { publicUrl } from "@/lib/config/public-url";

/** The cookie that ties an authorization to the browser that started it. */
export const BROWSER_BINDING_COOKIE = "relais_oauth";
export const BROWSER_BINDING_MAX_AGE_SECONDS = 10 * 60;

const BINDING = /^[A-Za-z0-9_-]{43}$/;

/**
 * The browser's binding value: the one it already holds (so that two tabs
 * connecting two mailboxes do not invalidate each other), or a new random one.
 */
export function browserBindingFor(existing: string | null | undefined): string {
  return existing && BINDING.test(existing) ? existing : randomBytes(32).toString("base64url");
}

export function hashBrowserBinding(binding: string): string {
  return hashLinkToken(binding);
}

/**
 * The Set-Cookie header: httpOnly; SameSite=Lax, because the provider's
 * redirect back is a top-level GET from another site; Secure over https;
 * only sent to /api/oauth.
 */
export function browserBindingSetCookie(binding: string): string {
  const secure = publicUrl().startsWith("https:") ? "; Secure" : "";
  return `${BROWSER_BINDING_COOKIE}=${binding}; Path=/api/oauth; Max-Age=${BROWSER_BINDING_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}
