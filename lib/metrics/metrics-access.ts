import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "disabled" | "unauthorized" | "allowed";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Whether a scrape may read the metrics: `disabled` without a token in the
 * environment (the endpoint answers 404, as if it did not exist),
 * `unauthorized` without `Authorization: Bearer <that token>`, else
 * `allowed`. The token is compared in constant time (both sides hashed
 * first, so that neither its length nor its content shows in the timing).
 */
export function metricsAccess(
  authorization: string | null | undefined,
  token: string | undefined,
): MetricsAccess {
  const expected = token?.trim();
  if (!expected) return "disabled";
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  return timingSafeEqual(digest(match?.[1] ?? ""), digest(expected)) ? "allowed" : "unauthorized";
}
