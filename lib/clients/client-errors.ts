import { DomainError } from "@/lib/errors/domain-error";

/** The stored client secret opens with no configured key (a key removed too early): it must be pasted again. */
export class SecretUnreadableError extends DomainError {
  constructor() {
    super("conflict", "clients.errors.secretUnreadable");
    this.name = "SecretUnreadableError";
  }
}

/** A school uses the platform's Microsoft application, which the operator has not (or no longer) set. */
export class PlatformUnavailableError extends DomainError {
  constructor() {
    super("conflict", "clients.errors.platformUnavailable");
    this.name = "PlatformUnavailableError";
  }
}
