import { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { newRequestId } from "@/lib/http/request-id";
import { isMessageKey, type Translator } from "@/lib/i18n/translate";
import type { LogFields } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import { currentRequestId } from "@/lib/log/request-log";
import type { ActionResult } from "./action-result";

/** Reads a form into a plain object; repeated fields become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/**
 * zod messages in Relais schemas are catalog keys ("errors.validation.email");
 * anything else (zod's own defaults) becomes the generic "not valid".
 */
export function fieldErrorsOf(error: z.ZodError, t: Translator): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "_form";
    if (out[field]) continue;
    out[field] = isMessageKey(issue.message) ? t(issue.message) : t("errors.validation.invalid");
  }
  return out;
}

/**
 * Turns what an action threw into what a person may read: a DomainError's
 * own message, or a generic one whose reference is the request's id, logged
 * with the error (the error itself never reaches the browser). `fields` are
 * what the caller knows of the request (its id, the tenant).
 */
export function failureOf(error: unknown, t: Translator, fields: LogFields = {}): ActionResult<never> {
  if (error instanceof DomainError) {
    const fieldErrors = error.fieldErrors
      ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key)]))
      : undefined;
    return { ok: false, code: error.code, message: t(error.messageKey, error.vars), fieldErrors };
  }
  const id = fields.requestId ?? newRequestId();
  logger().error({ ...fields, requestId: id, err: error }, "Request failed unexpectedly");
  return { ok: false, code: "internal", message: t("errors.internal", { id }) };
}

/** Thrown by parseInput; becomes field errors in the person's language. */
export class InputError extends Error {
  constructor(readonly zodError: z.ZodError) {
    super("invalid input");
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InputError(parsed.error);
  return parsed.data;
}

/**
 * Runs an action's steps and turns any failure into an ActionResult. The
 * steps may fill in `fields` (the tenant, once known) for the log entry of
 * an unexpected failure.
 */
export async function runAction<R>(
  t: Translator,
  steps: () => Promise<R>,
  fields: LogFields = {},
): Promise<ActionResult<R>> {
  try {
    return { ok: true, data: await steps() };
  } catch (error) {
    // next/navigation's redirect() and notFound() work by throwing.
    if (isNavigationSignal(error)) throw error;
    if (error instanceof InputError) {
      return {
        ok: false,
        code: "invalid_input",
        message: t("errors.invalidInput"),
        fieldErrors: fieldErrorsOf(error.zodError, t),
      };
    }
    return failureOf(error, t, { requestId: await currentRequestId(), ...fields });
  }
}

function isNavigationSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"))
  );
}
