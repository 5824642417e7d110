import type { ConnectionState } from "@/lib/db/generated/enums";
import { OAuthProviderKind } from "@/lib/db/generated/enums";
import type { MailboxFilter } from "./mailbox-filter";
import { isUuid } from "./mailbox-id";
import { connectionStates } from "./mailbox-schemas";

export const mailboxSorts = ["address", "name", "state", "expiry", "lastUsed"] as const;
export type MailboxSort = (typeof mailboxSorts)[number];
export const mailboxPageSizes = [25, 50, 100] as const;
export const defaultMailboxPageSize = 50;
const providers = Object.values(OAuthProviderKind);

export interface MailboxListQuery extends MailboxFilter {
  state?: ConnectionState;
  /** 1-based. */
  page: number;
  sort?: MailboxSort;
  dir?: "asc" | "desc";
  pageSize?: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The table's filters from the URL; anything not understood is left out rather than refused. */
export function parseMailboxListQuery(params: SearchParams): MailboxListQuery {
  const search = first(params.q)?.trim().slice(0, 200) || undefined;
  const stateParam = first(params.state);
  const state = connectionStates.find((s) => s === stateParam);
  const page = Number.parseInt(first(params.page) ?? "", 10);
  const sort = mailboxSorts.find((s) => s === first(params.sort));
  const dir = first(params.dir) === "desc" ? "desc" : undefined;
  const size = Number.parseInt(first(params.size) ?? "", 10);
  const pageSize = mailboxPageSizes.find((s) => s === size);
  const configuration = first(params.config);
  const member = first(params.member);
  const provider = providers.find((p) => p === first(params.provider));
  return {
    search,
    state,
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
    ...(sort && sort !== "address" ? { sort } : {}),
    ...(dir ? { dir } : {}),
    ...(pageSize && pageSize !== defaultMailboxPageSize ? { pageSize } : {}),
    ...(isUuid(configuration) ? { configurationId: configuration.toLowerCase() } : {}),
    ...(isUuid(member) ? { memberId: member.toLowerCase() } : {}),
    ...(provider ? { provider } : {}),
  };
}

/** The URL query of a list state, for links between pages, sorts and sizes. */
export function mailboxListQueryString(
  query: MailboxListQuery,
  page = query.page,
  change: Partial<Pick<MailboxListQuery, "sort" | "dir" | "pageSize">> = {},
): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.search) params.set("q", next.search);
  if (next.state) params.set("state", next.state);
  if (next.configurationId) params.set("config", next.configurationId);
  if (next.provider) params.set("provider", next.provider);
  if (next.memberId) params.set("member", next.memberId);
  if (next.sort && next.sort !== "address") params.set("sort", next.sort);
  if (next.dir === "desc") params.set("dir", "desc");
  if (next.pageSize && next.pageSize !== defaultMailboxPageSize) params.set("size", String(next.pageSize));
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
