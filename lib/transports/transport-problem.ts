import type { ProviderKind } from "@/lib/oauth/presets";
import { transportsFor, type MailTransport } from "./mail-transports";

export type TransportProblem = "not_offered" | "no_api_base";

/**
 * Why a configuration cannot send through `transport`, or null: its provider
 * does not offer it, or (custom) the HTTP API's address was never typed.
 * Pure: the forms use it to offer only what would be accepted.
 */
export function transportProblem(
  config: { provider: ProviderKind; apiBaseUrl: string | null },
  transport: MailTransport,
): TransportProblem | null {
  if (!transportsFor(config.provider).includes(transport)) return "not_offered";
  if (config.provider === "custom" && transport !== "smtp" && !config.apiBaseUrl) return "no_api_base";
  return null;
}
