const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
// RFC 5322 addr-spec with a dot-atom local part and a host name: no display name, no
// quoted local part, no comments, no IP literal. What is refused here cannot smuggle
// a second address or a header into the message.
const ADDR_SPEC = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`);

/** CR or LF anywhere would end a header line and start another. */
export function hasLineBreak(value: string): boolean {
  return /[\r\n]/.test(value);
}

/** The address lower-cased in its domain, or null when it is not a plain addr-spec. */
export function normalizeRecipient(raw: string): string | null {
  const address = raw.trim();
  if (address.length === 0 || address.length > 254) return null;
  if (!ADDR_SPEC.test(address)) return null;
  const at = address.lastIndexOf("@");
  if (at > 64) return null;
  return `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
}

/** A typed list ("a@x.fr, b@y.fr; c@z.fr" or one per line) as its items; empty items dropped. */
export function splitAddressList(raw: string): string[] {
  return raw
    .split(/[,;\n]/)
    .map((item) => item.replace(/\r$/, "").trim())
    .filter((item) => item.length > 0);
}

/** The part after @, for the Message-ID of mail sent from this address. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}
