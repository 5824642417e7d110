import type { FlowResult } from "./flow-result";

/**
 * The provider sent the browser back with `error`: the person declined
 * (`access_denied`, also Microsoft's cancel), or something the page shows by
 * its code. Only a code-like value is repeated.
 */
export function providerErrorResult(error: string, mailbox: string): FlowResult {
  if (error === "access_denied") return { outcome: "declined", mailbox };
  const code = /^[A-Za-z0-9_.:-]{1,64}$/.test(error) ? error : "unknown_error";
  return { outcome: "provider_error", code, mailbox };
}
