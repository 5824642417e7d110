import type { MessageKey } from "@/lib/i18n/catalog";
import type { MessageVars } from "@/lib/i18n/translate";

export type ErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "invalid_input" | "conflict" | "rate_limited" | "expired";

/**
 * An expected failure, meant for a person: it carries a catalog key, never
 * raw text, so that the person reads it in their language. Anything that is
 * not a DomainError is unexpected and is shown as a generic message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly vars?: MessageVars,
    readonly fieldErrors?: Record<string, MessageKey>,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError("not_found", "errors.notFound");
export const forbidden = () => new DomainError("forbidden", "errors.forbidden");
