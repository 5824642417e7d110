import type { ConnectionState } from "@/lib/db/generated/enums";

/** Connection states that hold tokens, hence something to revoke. */
export const revocableStates: readonly ConnectionState[] = [
  "connected",
  "insufficient_scope",
  "config_error",
];
