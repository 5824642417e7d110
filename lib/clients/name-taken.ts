import { DomainError } from "@/lib/errors/domain-error";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";

/** Names are unique per tenant (a unique index): a clash is the name field's error, not a failure. */
export function rethrowNameTaken(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw new DomainError("conflict", "errors.invalidInput", undefined, {
      name: "clients.validation.nameTaken",
    });
  }
  throw error;
}
