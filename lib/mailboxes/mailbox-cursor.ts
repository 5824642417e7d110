import { z } from "zod";
import { ConnectionState } from "@/lib/db/generated/enums";
import { maxAddressLength } from "./mailbox-address";

export const mailboxSorts = ["address", "name", "state", "expiry", "lastUsed"] as const;
export type MailboxSort = (typeof mailboxSorts)[number];

/**
 * Where a page of the mailbox table starts or ends: the sort key of the row at
 * its edge. `value` is the sorted column (a display name, a state, an ISO date,
 * or null for an empty date; null for the address sort, which has none), and
 * the address breaks ties, being unique in the tenant.
 */
export interface MailboxCursor {
  value: string | null;
  address: string;
}

const address = z.string().min(1).max(maxAddressLength);
const isoDate = z.iso.datetime().transform((value) => new Date(value).toISOString());
const values: Record<MailboxSort, z.ZodType<string | null>> = {
  address: z.null(),
  name: z.string(),
  state: z.enum(ConnectionState),
  expiry: isoDate.nullable(),
  lastUsed: isoDate.nullable(),
};

/** An opaque URL value: base64url of `[sort, value, address]`. */
export function encodeMailboxCursor(sort: MailboxSort, cursor: MailboxCursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.value, cursor.address])).toString("base64url");
}

/**
 * The cursor of a URL, if it is one of this sort; anything else (edited,
 * truncated, from another sort) is undefined, and the table shows its first page.
 */
export function decodeMailboxCursor(sort: MailboxSort, text: string | undefined): MailboxCursor | undefined {
  if (!text || text.length > 4096) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = z.tuple([z.literal(sort), values[sort], address]).safeParse(decoded);
  return parsed.success ? { value: parsed.data[1], address: parsed.data[2] } : undefined;
}
