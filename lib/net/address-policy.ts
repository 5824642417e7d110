import { classifyAddress, isLoopbackAddress } from "./address-guard";

/** Which addresses one outbound call may reach. */
export type AddressPolicy = {
  /** The local-provider setting is on: 127.0.0.0/8 and ::1 are allowed too. */
  allowLoopback: boolean;
  /** The URL is plain http (only allowed with the setting): loopback and nothing else. */
  loopbackOnly: boolean;
};

export function addressPolicyFor(protocol: "https:" | "http:", allowLocalProviders: boolean): AddressPolicy {
  return { allowLoopback: allowLocalProviders, loopbackOnly: protocol === "http:" };
}

/** Why `address` may not be called under `policy`, or null when it may. */
export function refusalFor(
  address: string,
  policy: AddressPolicy,
): { reason: "blocked_address" | "not_https"; detail: string } | null {
  if (isLoopbackAddress(address)) {
    return policy.allowLoopback ? null : { reason: "blocked_address", detail: "loopback" };
  }
  const kind = classifyAddress(address);
  if (kind !== "public") return { reason: "blocked_address", detail: kind };
  // Plain http is tolerated for fake providers on this machine, never across a network.
  return policy.loopbackOnly ? { reason: "not_https", detail: "http to a non-loopback address" } : null;
}
