import { DomainError } from "@/lib/errors/domain-error";
import { passwordRules } from "@/lib/auth/password";
import type { MessageKey } from "@/lib/i18n/catalog";
import type { AcceptInvitationInput } from "./member-schemas";

/**
 * The name and password a person gives when accepting without an existing
 * password. All problems are answered at once, as field errors.
 */
export function checkInviteeDetails(
  input: AcceptInvitationInput,
  nameRequired: boolean,
): { name: string; password: string } {
  const name = (input.name ?? "").trim();
  const password = input.password ?? "";
  const errors: Record<string, MessageKey> = {};
  if (nameRequired && !name) errors.name = "errors.validation.required";
  if (name.length > 200) errors.name = "errors.validation.tooLong";
  if (password.length < passwordRules.minLength) errors.password = "members.accept.errors.passwordTooShort";
  if (password.length > passwordRules.maxLength) errors.password = "members.accept.errors.passwordTooLong";
  if (password !== (input.passwordConfirmation ?? "")) {
    errors.passwordConfirmation = "members.accept.errors.passwordMismatch";
  }
  if (Object.keys(errors).length > 0) {
    throw new DomainError("invalid_input", "errors.invalidInput", undefined, errors);
  }
  return { name, password };
}
