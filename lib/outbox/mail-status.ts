/** An outgoing mail's state (docs/outbox.md): the name pages and components use, not the database layer's. */
export type { OutgoingMailStatus } from "@/lib/db/generated/enums";
