import { DomainError } from "@/lib/errors/domain-error";
import type { InvitationState } from "./invitation-state";

/** The error a person reads when they act on an invitation that is no longer valid. */
export function invitationStateError(state: Exclude<InvitationState, "valid">): DomainError {
  switch (state) {
    case "expired":
      return new DomainError("expired", "members.accept.states.expired");
    case "used":
      return new DomainError("conflict", "members.accept.states.used");
    case "revoked":
      return new DomainError("conflict", "members.accept.states.revoked");
    case "unknown":
      return new DomainError("not_found", "members.accept.states.unknown");
  }
}
