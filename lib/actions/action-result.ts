import type { ErrorCode } from "@/lib/errors/domain-error";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ErrorCode | "internal";
      /** Already in the person's language. */
      message: string;
      /** Field name → message in the person's language. */
      fieldErrors?: Record<string, string>;
    };
