/**
 * The client's address for throttling and the audit log. Behind a reverse
 * proxy (RELAIS_TRUST_PROXY=true) the first X-Forwarded-For hop is the
 * client; otherwise only the hop added by the Next.js server itself (the
 * last one) is trusted, since a client can write the others.
 */
export function clientIp(headers: Pick<Headers, "get">): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const hops = forwarded
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    const hop = process.env.RELAIS_TRUST_PROXY === "true" ? hops[0] : hops[hops.length - 1];
    if (hop) return hop;
  }
  return headers.get("x-real-ip");
}
