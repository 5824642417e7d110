import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";

export type SmtpVerdict = {
  /**
   * temporary: retry later (4xx, network); permanent: fail the mail (5xx);
   * auth: the token was refused (refresh once); auth_disabled: Microsoft's
   * SMTP AUTH is off for the tenant or mailbox (a setting: no refresh);
   * quota: the provider's sending limit (pause the mailbox).
   */
  kind: "temporary" | "permanent" | "auth" | "auth_disabled" | "quota";
  code: number | null;
  /** The server's answer or a short error code; never a token. */
  response: string;
};

type SmtpError = { code?: string; responseCode?: number; response?: string; message?: string };

const firstLine = (text: string) => text.split(/\r?\n/)[0]?.slice(0, 500) ?? "";

/** Sorts a failed send by what it means for the mail and the mailbox (docs/outbox.md). */
export function classifySmtpAnswer(error: unknown): SmtpVerdict {
  if (error instanceof OutboundRefusedError) {
    const permanent = error.reason === "blocked_address" || error.reason === "numeric_host";
    return {
      kind: permanent ? "permanent" : "temporary",
      code: null,
      response: `connection: ${error.reason}`,
    };
  }
  const smtp = (error ?? {}) as SmtpError;
  const code = typeof smtp.responseCode === "number" ? smtp.responseCode : null;
  const response = firstLine(smtp.response ?? (code ? String(code) : (smtp.code ?? "network error")));
  const text = smtp.response ?? "";
  if (/\b5\.7\.139\b/.test(text)) return { kind: "auth_disabled", code, response };
  if ((code === 550 && /\b5\.4\.5\b/.test(text)) || /SubmissionQuotaExceeded/i.test(text)) {
    return { kind: "quota", code, response };
  }
  if (code === 535 || code === 334 || smtp.code === "EAUTH" || smtp.code === "RENEW_REFUSED") {
    return { kind: "auth", code, response };
  }
  if (code !== null && code >= 500) return { kind: "permanent", code, response };
  return { kind: "temporary", code, response };
}

/** Exponential backoff with ±20% jitter: 30 s, 1 min, 2 min… capped at an hour. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function maxAttempts(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.RELAIS_MAX_ATTEMPTS);
  return Number.isInteger(value) && value > 0 ? value : 8;
}
