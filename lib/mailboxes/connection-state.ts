/** A mailbox's connection state (docs/mailboxes.md): the name pages and components use, not the database layer's. */
export type { ConnectionState } from "@/lib/db/generated/enums";
