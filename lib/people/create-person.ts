import { z } from "zod";
import { hashPassword, passwordRules } from "@/lib/auth/password";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { getDb, type DbTransaction } from "@/lib/db/client";
import { ensureMembership, type MembershipChange } from "./ensure-membership";
import { applyOperatorFlag } from "./set-operator";

export const createPersonSchema = z
  .object({
    email: z
      .string({ error: "errors.validation.email" })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: "errors.validation.email" })),
    name: z.string().trim().max(200, { error: "errors.validation.tooLong" }).optional(),
    password: z
      .string()
      .min(passwordRules.minLength, { error: "operator.people.errors.passwordTooShort" })
      .max(passwordRules.maxLength, { error: "operator.people.errors.passwordTooLong" })
      .optional(),
    tenantSlug: z.string().trim().toLowerCase().min(1).optional(),
    role: z.enum(["admin", "member"], { error: "operator.people.errors.roleInvalid" }).optional(),
    isOperator: z.boolean().default(false),
  })
  .refine((input) => !input.role || input.tenantSlug, {
    path: ["role"],
    error: "operator.people.errors.roleNeedsTenant",
  })
  .refine((input) => !input.tenantSlug || input.role, {
    path: ["role"],
    error: "operator.people.errors.tenantNeedsRole",
  });
export type CreatePersonInput = z.input<typeof createPersonSchema>;

export interface CreatePersonResult {
  userId: string;
  email: string;
  created: boolean;
  passwordSet: boolean;
  membership: MembershipChange | null;
  operator: "granted" | "unchanged" | null;
}

type PersonRow = { id: string; email: string; isOperator: boolean };

async function findOrCreateUser(
  tx: DbTransaction,
  by: AuditActor,
  input: { email: string; name?: string; passwordHash: string | null },
): Promise<{ user: PersonRow; created: boolean }> {
  const select = { id: true, email: true, isOperator: true } as const;
  const existing = await tx.user.findUnique({ where: { email: input.email }, select });
  if (existing) {
    if (input.passwordHash) {
      await tx.user.update({ where: { id: existing.id }, data: { passwordHash: input.passwordHash } });
      await recordAudit(
        tx,
        { ...by, tenantId: null },
        {
          action: "user.password_set",
          targetType: "user",
          targetId: existing.id,
          targetLabel: existing.email,
        },
      );
    }
    return { user: existing, created: false };
  }
  const user = await tx.user.create({
    data: { email: input.email, name: input.name ?? "", passwordHash: input.passwordHash },
    select,
  });
  await recordAudit(
    tx,
    { ...by, tenantId: null },
    { action: "user.created", targetType: "user", targetId: user.id, targetLabel: user.email },
  );
  return { user, created: true };
}

/**
 * Creates a person's account, or takes the existing one with that address,
 * and gives it what was asked: a password, a role in a tenant, platform
 * operator rights. For operators (the command line): it never fails only
 * because the person exists, and it says what it changed. All or nothing.
 */
export async function createPerson(by: AuditActor, raw: CreatePersonInput): Promise<CreatePersonResult> {
  const input = createPersonSchema.parse(raw);
  // scrypt is slow on purpose: hash before the transaction holds locks.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { user, created } = await findOrCreateUser(tx, by, { ...input, passwordHash });
    const membership =
      input.tenantSlug && input.role
        ? await ensureMembership(tx, by, user, input.tenantSlug, input.role)
        : null;
    let operator: CreatePersonResult["operator"] = null;
    if (input.isOperator) {
      operator = (await applyOperatorFlag(tx, by, user, true)) ? "granted" : "unchanged";
    }
    return {
      userId: user.id,
      email: user.email,
      created,
      passwordSet: passwordHash !== null,
      membership,
      operator,
    };
  });
}
