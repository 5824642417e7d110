import type { ProviderFamily } from "@/lib/outbox/mail-limits";

export type SendingLimits = {
  perMinute: number | null;
  perDay: number | null;
  recipientsPerDay: number | null;
};

type Overrides = {
  maxMessagesPerMinute: number | null;
  maxMessagesPerDay: number | null;
  maxRecipientsPerDay: number | null;
};

// providers.md, "Sending limits (per mailbox)". Google counts messages per
// rolling day; Microsoft per minute; both cap recipients per day.
const defaults: Record<ProviderFamily, SendingLimits> = {
  google: { perMinute: null, perDay: 2000, recipientsPerDay: 10_000 },
  microsoft: { perMinute: 30, perDay: null, recipientsPerDay: 10_000 },
};

/** The provider's limits, each replaced by the configuration's own when set. */
export function sendingLimitsFor(family: ProviderFamily, overrides: Overrides): SendingLimits {
  const base = defaults[family];
  return {
    perMinute: overrides.maxMessagesPerMinute ?? base.perMinute,
    perDay: overrides.maxMessagesPerDay ?? base.perDay,
    recipientsPerDay: overrides.maxRecipientsPerDay ?? base.recipientsPerDay,
  };
}
