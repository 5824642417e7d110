import type { ConnectionState } from "@/lib/db/generated/enums";
import { OAuthProviderKind } from "@/lib/db/generated/enums";
import {
  decodeMailboxCursor,
  encodeMailboxCursor,
  mailboxSorts,
  type MailboxCursor,
  type MailboxSort,
} from "./mailbox-cursor";
import type { MailboxFilter } from "./mailbox-filter";
import { isUuid } from "@/lib/ids/is-uuid";
import { connectionStates } from "./mailbox-schemas";

export { mailboxSorts, type MailboxSort };
export const mailboxPageSizes = [25, 50, 100] as const;
export const defaultMailboxPageSize = 50;
const providers = Object.values(OAuthProviderKind);

/**
 * Which page of the current order: the first, the last, or the one just after
 * (or just before) a row. No page numbers: reaching page N by number would
 * walk every row before it, however large the tenant.
 */
export type MailboxPagePosition =
  | { at: "first" }
  | { at: "last" }
  | { at: "after"; cursor: MailboxCursor }
  | { at: "before"; cursor: MailboxCursor };

export interface MailboxListQuery extends MailboxFilter {
  state?: ConnectionState;
  /** The first page when absent. */
  position?: MailboxPagePosition;
  sort?: MailboxSort;
  dir?: "asc" | "desc";
  pageSize?: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function parsePosition(params: SearchParams, sort: MailboxSort): MailboxPagePosition | undefined {
  if (first(params.page) === "last") return { at: "last" };
  const after = decodeMailboxCursor(sort, first(params.after));
  if (after) return { at: "after", cursor: after };
  const before = decodeMailboxCursor(sort, first(params.before));
  if (before) return { at: "before", cursor: before };
  return undefined;
}

/**
 * The table's filters and page from the URL; anything not understood is left
 * out rather than refused (a cursor that does not decode gives the first page).
 */
export function parseMailboxListQuery(params: SearchParams): MailboxListQuery {
  const search = first(params.q)?.trim().slice(0, 200) || undefined;
  const stateParam = first(params.state);
  const state = connectionStates.find((s) => s === stateParam);
  const sort = mailboxSorts.find((s) => s === first(params.sort));
  const dir = first(params.dir) === "desc" ? "desc" : undefined;
  const size = Number.parseInt(first(params.size) ?? "", 10);
  const pageSize = mailboxPageSizes.find((s) => s === size);
  const configuration = first(params.config);
  const member = first(params.member);
  const provider = providers.find((p) => p === first(params.provider));
  const position = parsePosition(params, sort ?? "address");
  return {
    search,
    state,
    ...(position ? { position } : {}),
    ...(sort && sort !== "address" ? { sort } : {}),
    ...(dir ? { dir } : {}),
    ...(pageSize && pageSize !== defaultMailboxPageSize ? { pageSize } : {}),
    ...(isUuid(configuration) ? { configurationId: configuration.toLowerCase() } : {}),
    ...(isUuid(member) ? { memberId: member.toLowerCase() } : {}),
    ...(provider ? { provider } : {}),
  };
}

/** The URL query of a list state at a page (by default the query's own), for links between pages. */
export function mailboxListQueryString(
  query: MailboxListQuery,
  position: MailboxPagePosition | undefined = query.position,
): string {
  const params = new URLSearchParams();
  if (query.search) params.set("q", query.search);
  if (query.state) params.set("state", query.state);
  if (query.configurationId) params.set("config", query.configurationId);
  if (query.provider) params.set("provider", query.provider);
  if (query.memberId) params.set("member", query.memberId);
  const sort = query.sort ?? "address";
  if (sort !== "address") params.set("sort", sort);
  if (query.dir === "desc") params.set("dir", "desc");
  if (query.pageSize && query.pageSize !== defaultMailboxPageSize) params.set("size", String(query.pageSize));
  if (position?.at === "last") params.set("page", "last");
  if (position?.at === "after") params.set("after", encodeMailboxCursor(sort, position.cursor));
  if (position?.at === "before") params.set("before", encodeMailboxCursor(sort, position.cursor));
  const text = params.toString();
  return text ? `?${text}` : "";
}
