import { flowOutcomes, type FlowOutcome } from "@/lib/connections/flow-outcomes";
import type { FlowResult } from "./flow-result";
import { missingScopes, requiredMailScopes } from "@/lib/transports/granted-scopes";
import type { DeviceAuthorizationRow } from "./find-device-authorization";

export const deviceStatuses = ["pending", "approved", "denied", "expired", "failed"] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

/** How a failed grant is remembered in `errorCode`: the outcome, and the provider's code after a colon. */
export function deviceErrorCode(result: FlowResult): string {
  return result.code ? `${result.outcome}:${result.code}`.slice(0, 200) : result.outcome;
}

/**
 * What a finished device authorization means, from its row and its mailbox
 * as they are now (a later request than the one that finished it).
 */
export function deviceOutcome(row: DeviceAuthorizationRow): FlowResult | null {
  const mailbox = row.mailbox.address;
  switch (row.status as DeviceStatus) {
    case "approved": {
      if (row.mailbox.state !== "insufficient_scope") return { outcome: "connected", mailbox };
      const config = row.mailbox.clientConfiguration;
      return {
        outcome: "insufficient_scope",
        mailbox,
        missing: missingScopes(requiredMailScopes(config, row.mailbox), row.mailbox.grantedScopes),
      };
    }
    case "denied":
      return { outcome: "declined", mailbox };
    case "expired":
      return { outcome: "device_expired", mailbox };
    case "failed": {
      const [outcome = "", ...code] = (row.errorCode ?? "").split(":");
      const known = flowOutcomes.includes(outcome as FlowOutcome)
        ? (outcome as FlowOutcome)
        : "provider_error";
      return { outcome: known, mailbox, ...(code.length ? { code: code.join(":") } : {}) };
    }
    default:
      return null;
  }
}
