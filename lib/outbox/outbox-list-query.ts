import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { isUuid } from "@/lib/ids/is-uuid";

export const outgoingStatuses = ["queued", "sending", "sent", "held", "failed", "cancelled"] as const;

export type OutboxListQuery = {
  status: OutgoingMailStatus | null;
  mailboxId: string | null;
  /** The relay credential that submitted the mail; absent or null: any sender. */
  credentialId?: string | null;
  search: string;
  page: number;
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** The outbox page's filters from its URL; anything not understood is dropped. */
export function parseOutboxListQuery(params: Record<string, string | string[] | undefined>): OutboxListQuery {
  const status = one(params.status);
  const page = Number(one(params.page));
  const credential = one(params.credential);
  return {
    status: (outgoingStatuses as readonly string[]).includes(status) ? (status as OutgoingMailStatus) : null,
    mailboxId: one(params.mailbox) || null,
    credentialId: isUuid(credential) ? credential.toLowerCase() : null,
    search: one(params.q).trim().slice(0, 200),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function outboxListQueryString(query: Partial<OutboxListQuery>): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.mailboxId) params.set("mailbox", query.mailboxId);
  if (query.credentialId) params.set("credential", query.credentialId);
  if (query.search) params.set("q", query.search);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
