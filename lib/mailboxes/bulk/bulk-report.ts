export type BulkSkipReason =
  "already_connected" | "not_mailed" | "nothing_to_revoke" | "already_assigned" | "same_configuration";

/** What a bulk action did, mailbox by mailbox. */
export interface BulkReport {
  done: { id: string; address: string }[];
  skipped: { id: string; address: string; reason: BulkSkipReason }[];
}

export const emptyReport = (): BulkReport => ({ done: [], skipped: [] });
