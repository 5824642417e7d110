import net from "node:net";
import { isLoopbackAddress } from "@/lib/net/address-guard";
import { addressPolicyFor, refusalFor } from "@/lib/net/address-policy";
import { createGuardedLookup, systemResolver, type HostResolver } from "@/lib/net/guarded-lookup";
import { parseHostLiteral } from "@/lib/net/host-literal";
import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import { localProvidersAllowed } from "@/lib/net/outbound-settings";

export type GuardedSocketOptions = {
  /** Defaults to RELAIS_ALLOW_LOCAL_PROVIDERS from the environment. */
  allowLocalProviders?: boolean;
  /** Defaults to the system resolver; tests pass fake answers. */
  lookup?: HostResolver;
  timeoutMs?: number;
};

export type GuardedSocket = {
  socket: net.Socket;
  /** The socket reached this machine (only possible with the local-provider setting). */
  loopback: boolean;
};

/**
 * Opens a TCP connection to a tenant-typed SMTP host under the same address
 * rules as safeFetch (docs/outbound-http.md): the name is resolved and checked
 * inside the socket's own lookup, so nodemailer never resolves it itself and
 * nothing connects to an address that was not checked. TLS, when wanted, is
 * layered on this socket by nodemailer with the host name as servername.
 */
export function openGuardedSmtpSocket(
  host: string,
  port: number,
  options: GuardedSocketOptions = {},
): Promise<GuardedSocket> {
  const allowLocal = options.allowLocalProviders ?? localProvidersAllowed();
  const policy = addressPolicyFor("https:", allowLocal);
  const literal = parseHostLiteral(host);
  if (literal?.kind === "numeric_invalid" || (literal?.kind === "ipv4" && !literal.canonical)) {
    return Promise.reject(new OutboundRefusedError("numeric_host", host));
  }
  if (literal) {
    const refusal = refusalFor(literal.address, policy);
    if (refusal) return Promise.reject(new OutboundRefusedError(refusal.reason, host, refusal.detail));
  }
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: literal ? literal.address : host,
      port,
      lookup: createGuardedLookup(options.lookup ?? systemResolver, policy),
    });
    const timer = setTimeout(
      () => fail(new OutboundRefusedError("timeout", host)),
      options.timeoutMs ?? 10_000,
    );
    const fail = (error: unknown) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        error instanceof OutboundRefusedError
          ? error
          : new OutboundRefusedError("connect_failed", host, (error as NodeJS.ErrnoException)?.code),
      );
    };
    socket.once("error", fail);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeListener("error", fail);
      resolve({ socket, loopback: isLoopbackAddress(socket.remoteAddress ?? "") });
    });
  });
}
