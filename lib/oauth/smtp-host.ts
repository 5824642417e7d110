import type { MessageKey } from "@/lib/i18n/catalog";
import { classifyAddress, isLoopbackAddress } from "@/lib/net/address-guard";
import { parseHostLiteral } from "@/lib/net/host-literal";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Why an SMTP host cannot be saved, or null. The portal connects to it with
 * the mailbox's token, so the same address rules as for HTTP endpoints apply
 * to literals; names are for the sender to check when it connects.
 */
export function checkSmtpHost(host: string, allowLocalProviders: boolean): MessageKey | null {
  if (host === "" || host.length > 253) return "clients.validation.smtpHostInvalid";
  const literal = parseHostLiteral(host);
  if (literal?.kind === "numeric_invalid" || (literal?.kind === "ipv4" && !literal.canonical)) {
    return "clients.validation.smtpHostInvalid";
  }
  if (literal) {
    if (isLoopbackAddress(literal.address))
      return allowLocalProviders ? null : "clients.validation.smtpHostPrivate";
    return classifyAddress(literal.address) === "public" ? null : "clients.validation.smtpHostPrivate";
  }
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  if (!name.split(".").every((label) => LABEL.test(label))) return "clients.validation.smtpHostInvalid";
  if ((name === "localhost" || name.endsWith(".localhost")) && !allowLocalProviders) {
    return "clients.validation.smtpHostPrivate";
  }
  return null;
}
