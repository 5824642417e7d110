import { z } from "zod";

// Words that are, or may become, paths of the portal or that would read as
// something other than a school in an address.
const reservedSlugs = new Set([
  "admin",
  "api",
  "auth",
  "dev",
  "health",
  "invite",
  "new",
  "operator",
  "relais",
  "settings",
  "signin",
  "signout",
  "static",
  "system",
  "t",
  "www",
]);

/** A tenant's short name in addresses (/t/<slug>): lower-case letters, digits, inner hyphens. */
export const tenantSlugSchema = z
  .string({ error: "operator.errors.slugInvalid" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])$/, { error: "operator.errors.slugInvalid" })
  .refine((slug) => !reservedSlugs.has(slug), { error: "operator.errors.slugReserved" });

export const tenantNameSchema = z
  .string({ error: "operator.errors.nameRequired" })
  .trim()
  .min(1, { error: "operator.errors.nameRequired" })
  .max(120, { error: "operator.errors.nameTooLong" });
