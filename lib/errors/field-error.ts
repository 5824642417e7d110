import { DomainError } from "./domain-error";
import type { MessageKey } from "@/lib/i18n/catalog";

/** A refusal that belongs next to one field of the form. */
export function fieldError(field: string, messageKey: MessageKey): DomainError {
  return new DomainError("invalid_input", "errors.invalidInput", undefined, { [field]: messageKey });
}
