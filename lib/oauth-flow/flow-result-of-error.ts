import { DomainError } from "@/lib/errors/domain-error";
import { newRequestId } from "@/lib/http/request-id";
import type { LogFields } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import type { FlowResult } from "./flow-result";
import { FlowRefusal } from "./flow-refusal";
import { LinkInvalidError } from "./flow-actor";

/**
 * What the result page says when a step threw: the refusal's own result, a
 * domain error in words, or for anything unexpected a reference (the
 * request's id) that is also logged (the error itself never reaches the page).
 * `fields`: what the caller knows (the request's id, the tenant, the mailbox).
 */
export function flowResultOfError(error: unknown, fields: LogFields = {}): FlowResult {
  if (error instanceof FlowRefusal) return error.result;
  if (error instanceof LinkInvalidError) return { outcome: "link_invalid" };
  if (error instanceof DomainError) {
    if (error.code === "unauthenticated") return { outcome: "session_ended" };
    if (error.code === "not_found" || error.code === "forbidden") return { outcome: "not_found" };
    return { outcome: "config_unusable", reasonKey: error.messageKey };
  }
  const reference = fields.requestId ?? newRequestId();
  logger().error({ ...fields, requestId: reference, err: error }, "Authorization flow failed unexpectedly");
  return { outcome: "internal", code: reference };
}
