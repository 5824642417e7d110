import { createHash, randomBytes } from "node:crypto";

/**
 * Whose records a personal-data export or erasure reaches (docs/personal-data.md):
 * the whole platform (the operator's command line), or one school (its
 * administrators, from the members page), which sees and changes only its own
 * rows, and never learns whether the person uses Relais elsewhere.
 */
export type PersonalDataScope = { kind: "platform" } | { kind: "tenant"; tenantId: string };

/** A Prisma `where` fragment limiting a tenant-owned table to the scope. */
export function inScope(scope: PersonalDataScope): { tenantId?: string } {
  return scope.kind === "tenant" ? { tenantId: scope.tenantId } : {};
}

/**
 * The name an erased person's audit entries keep: "erased user" and 8 hex
 * digits. Salted with random bytes, so that it cannot be recomputed from the
 * address (a plain hash of an address is found again by hashing guesses); the
 * same label marks all of one erasure's entries, so they still read as the
 * acts of one person.
 */
export function erasedUserLabel(seed: string): string {
  const digest = createHash("sha256").update(randomBytes(16)).update(seed).digest("hex");
  return `erased user ${digest.slice(0, 8)}`;
}
