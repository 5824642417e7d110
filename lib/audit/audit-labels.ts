import { isMessageKey, type Translator } from "@/lib/i18n/translate";

/** "member.role_changed" → "Role changed"; an action without a label yet shows as recorded. */
export function auditActionLabel(t: Translator, action: string): string {
  const key = `audit.actions.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** "webhook_endpoint" → "Webhook endpoint"; a target type without a label yet shows as recorded. */
export function auditTargetTypeLabel(t: Translator, targetType: string): string {
  const key = `audit.targetTypes.${targetType}`;
  return isMessageKey(key) ? t(key) : targetType;
}
