import { randomUUID } from "node:crypto";
import { DomainError } from "@/lib/auth/errors";
import type { FlowResult } from "./flow-result";
import { FlowRefusal } from "./flow-refusal";

/**
 * What the result page says when a step threw: the refusal's own result, a
 * domain error in words, or for anything unexpected a reference that is also
 * logged (the error itself never reaches the page).
 */
export function flowResultOfError(error: unknown): FlowResult {
  if (error instanceof FlowRefusal) return error.result;
  if (error instanceof DomainError) {
    if (error.messageKey === "connect.result.linkInvalid.body") return { outcome: "link_invalid" };
    if (error.code === "unauthenticated") return { outcome: "session_ended" };
    if (error.code === "not_found" || error.code === "forbidden") return { outcome: "not_found" };
    return { outcome: "config_unusable", reasonKey: error.messageKey };
  }
  const reference = randomUUID().slice(0, 8);
  console.error(
    `[relais] unexpected error ${reference} in an authorization flow:`,
    error instanceof Error ? error.stack : error,
  );
  return { outcome: "internal", code: reference };
}
