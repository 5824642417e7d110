import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { refusalFor, type AddressPolicy } from "./address-policy";
import { OutboundRefusedError } from "./outbound-refused-error";

/** Resolves a host name to every address it has. Injectable so that tests never touch DNS. */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

type Outcome = { error: OutboundRefusedError } | { addresses: LookupAddress[] };

async function decide(resolve: HostResolver, hostname: string, policy: AddressPolicy): Promise<Outcome> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return { error: new OutboundRefusedError("dns_failed", hostname, code) };
  }
  if (addresses.length === 0)
    return { error: new OutboundRefusedError("dns_failed", hostname, "no address") };
  // Every address must pass, not only the first: the socket may try any of them.
  for (const { address } of addresses) {
    const refusal = refusalFor(address, policy);
    if (refusal) return { error: new OutboundRefusedError(refusal.reason, hostname, refusal.detail) };
  }
  return { addresses };
}

/**
 * The `lookup` given to the socket. The check happens here, at connect time,
 * on the very addresses the socket will connect to: a name that resolved to a
 * public address when the configuration was saved and now resolves to
 * 169.254.169.254 (DNS rebinding) is refused before any connection is made.
 */
export function createGuardedLookup(resolve: HostResolver, policy: AddressPolicy): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    void decide(resolve, hostname, policy).then((outcome) => {
      if ("error" in outcome) return callback(outcome.error, "", 0);
      const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
      const wanted = outcome.addresses.filter((address) => !family || address.family === family);
      if (wanted.length === 0) {
        return callback(
          new OutboundRefusedError("dns_failed", hostname, "no address of the wanted family"),
          "",
        );
      }
      if (options.all) return callback(null, wanted);
      callback(null, wanted[0]!.address, wanted[0]!.family);
    });
  };
}
