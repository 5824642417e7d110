export type OutboundRefusalReason =
  | "invalid_url"
  | "not_https"
  | "numeric_host"
  | "blocked_address"
  | "redirect_refused"
  | "too_large"
  | "timeout"
  | "dns_failed"
  | "connect_failed";

/**
 * A call to a tenant-typed URL that was refused or failed. The message names
 * the host and the reason only: never the path, the request body (it holds
 * client secrets and tokens) or the resolved address (internal network layout).
 */
export class OutboundRefusedError extends Error {
  constructor(
    readonly reason: OutboundRefusalReason,
    readonly host: string,
    /** A non-sensitive detail: an address class, a status code, an errno code. */
    readonly detail?: string,
  ) {
    super(`Outbound request to ${host || "(no host)"} refused: ${reason}${detail ? ` (${detail})` : ""}`);
    this.name = "OutboundRefusedError";
  }
}
