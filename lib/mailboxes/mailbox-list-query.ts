import type { ConnectionState } from "@/lib/db/generated/enums";
import { connectionStates } from "./mailbox-schemas";

export interface MailboxListQuery {
  search?: string;
  state?: ConnectionState;
  /** 1-based. */
  page: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The table's filters from the URL; anything not understood is left out rather than refused. */
export function parseMailboxListQuery(params: SearchParams): MailboxListQuery {
  const search = first(params.q)?.trim().slice(0, 200) || undefined;
  const stateParam = first(params.state);
  const state = connectionStates.find((s) => s === stateParam);
  const page = Number.parseInt(first(params.page) ?? "", 10);
  return { search, state, page: Number.isSafeInteger(page) && page > 1 ? page : 1 };
}

/** The URL query of a list state, for links between pages. */
export function mailboxListQueryString(query: MailboxListQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.search) params.set("q", query.search);
  if (query.state) params.set("state", query.state);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
