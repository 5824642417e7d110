import "server-only";
import type { z } from "zod";
import { requireOperator, requireUser, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { resolveTenantContext, type TenantContext } from "@/lib/auth/tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import type { ActionResult } from "./action-result";
import { formToObject, parseInput, runAction } from "./run-action";

type FormAction<R> = (previous: ActionResult<R> | null, form: FormData) => Promise<ActionResult<R>>;

/**
 * A server action on one tenant's data. In order: session, membership and
 * permission in the tenant named by the form's `tenant` field, zod parse,
 * domain call. Every action checks all of this itself: a page-level check
 * does not protect an action, which anyone can POST to directly.
 */
export function tenantAction<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  run: (ctx: TenantContext, input: z.infer<S>) => Promise<R>,
): FormAction<R> {
  return async (_previous, form) => {
    const t = await getTranslator();
    const known: { tenantId?: string } = {};
    return runAction(
      t,
      async () => {
        const user = await requireUser();
        const slug = form.get("tenant");
        const ctx = await resolveTenantContext(user, typeof slug === "string" ? slug : "", permission);
        known.tenantId = ctx.tenantId;
        return run(ctx, parseInput(schema, formToObject(form)));
      },
      known,
    );
  };
}

/** A server action for any signed-in person, outside a tenant (language, profile). */
export function userAction<S extends z.ZodType, R>(
  schema: S,
  run: (user: SessionUser, input: z.infer<S>) => Promise<R>,
): FormAction<R> {
  return async (_previous, form) => {
    const t = await getTranslator();
    return runAction(t, async () => {
      const user = await requireUser();
      return run(user, parseInput(schema, formToObject(form)));
    });
  };
}

/** A server action for platform operators only (tenant creation): checks the operator flag itself. */
export function operatorAction<S extends z.ZodType, R>(
  schema: S,
  run: (operator: SessionUser, input: z.infer<S>) => Promise<R>,
): FormAction<R> {
  return async (_previous, form) => {
    const t = await getTranslator();
    return runAction(t, async () => {
      const operator = await requireOperator();
      return run(operator, parseInput(schema, formToObject(form)));
    });
  };
}

/** A server action reachable without a session (sign-in link request, invitation acceptance). */
export function publicAction<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
): FormAction<R> {
  return async (_previous, form) => {
    const t = await getTranslator();
    return runAction(t, () => run(parseInput(schema, formToObject(form))));
  };
}
