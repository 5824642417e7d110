import nodemailer from "nodemailer";
import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import type { GuardedSocketOptions } from "./guarded-smtp-socket";
import { isXoauth2SafeAddress } from "./xoauth2-address";
import { xoauth2TransportOptions, type SmtpEndpoint } from "./xoauth2-transport-options";

export type SmtpTarget = SmtpEndpoint;

export type Xoauth2Check =
  | { ok: true }
  | {
      ok: false;
      /**
       * auth_refused: the token does not open this mailbox (another account, missing scope);
       * smtp_auth_disabled: Microsoft's SmtpClientAuthentication is off (a setting, not a token problem);
       * unreachable: no answer worth judging (connection, TLS, timeout, address refused).
       */
      reason: "invalid_address" | "auth_refused" | "smtp_auth_disabled" | "unreachable";
      /** A short, non-sensitive detail (SMTP status or refusal reason). */
      detail?: string;
    };

const TIMEOUT_MS = 10_000;

function checkOf(error: unknown): Xoauth2Check {
  if (error instanceof OutboundRefusedError)
    return { ok: false, reason: "unreachable", detail: error.reason };
  const smtp = error as { code?: string; responseCode?: number; response?: string } | null;
  if (smtp?.response && /\b5\.7\.139\b/.test(smtp.response)) {
    return { ok: false, reason: "smtp_auth_disabled", detail: "5.7.139" };
  }
  // Google answers a refused token with a 334 challenge; nodemailer then asks for a new token,
  // which renewToken refuses (below): that too means the token was refused.
  if (smtp?.code === "EAUTH" || smtp?.code === "RENEW_REFUSED") {
    return {
      ok: false,
      reason: "auth_refused",
      detail: smtp.responseCode ? String(smtp.responseCode) : undefined,
    };
  }
  return { ok: false, reason: "unreachable", detail: smtp?.code };
}

/**
 * Authenticates once to the configuration's SMTP server with SASL XOAUTH2 as
 * `address`, sends nothing, and says whether the token opens that mailbox.
 * The connection goes through the guarded socket (the host is tenant-typed).
 * nodemailer's own token refresh is never used: asked for a new token, it gets a refusal.
 * On loopback (local providers only) the fakes speak plain SMTP, so TLS is not asked for.
 */
export async function verifyXoauth2(
  target: SmtpTarget,
  address: string,
  accessToken: string,
  options: GuardedSocketOptions = {},
): Promise<Xoauth2Check> {
  if (!isXoauth2SafeAddress(address)) return { ok: false, reason: "invalid_address" };
  const transport = nodemailer.createTransport(
    xoauth2TransportOptions(target, address, accessToken, { ...options, timeoutMs: TIMEOUT_MS }),
  );
  try {
    await transport.verify();
    return { ok: true };
  } catch (error) {
    return checkOf(error);
  } finally {
    transport.close();
  }
}
