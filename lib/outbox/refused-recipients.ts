/** A recipient the server refused at `RCPT TO` while it accepted the message for the others. */
export type RefusedRecipient = { address: string; response: string };

type RejectedError = { recipient?: unknown; response?: unknown; message?: unknown };

/**
 * The recipients an SMTP send refused, from nodemailer's answer (`rejected`,
 * and `rejectedErrors` with each one's reply); empty when all were accepted.
 */
export function refusedRecipientsOf(info: {
  rejected?: unknown;
  rejectedErrors?: unknown;
}): RefusedRecipient[] {
  const rejected = Array.isArray(info.rejected) ? info.rejected.map(String) : [];
  const errors = Array.isArray(info.rejectedErrors) ? (info.rejectedErrors as RejectedError[]) : [];
  return rejected.map((address) => {
    const error = errors.find((e) => String(e.recipient ?? "").toLowerCase() === address.toLowerCase());
    const response = String(error?.response ?? error?.message ?? "refused");
    return { address, response: response.slice(0, 500) };
  });
}

/** The stored column (JSON) read back; anything else is no refusal. */
export function readRefusedRecipients(value: unknown): RefusedRecipient[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const { address, response } = (item ?? {}) as { address?: unknown; response?: unknown };
    return typeof address === "string" && typeof response === "string" ? [{ address, response }] : [];
  });
}
