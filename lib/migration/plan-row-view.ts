import type { PlanRow } from "./get-migration-plan";

/** A row of the plan as the page's table gets it: plain data, dates already written in the reader's language. */
export type PlanRowView = Pick<
  PlanRow,
  | "address"
  | "messages"
  | "auth"
  | "tls10Percent"
  | "tls11Percent"
  | "tls12Percent"
  | "listener"
  | "proposal"
  | "status"
  | "inLatestImport"
> & {
  credential: {
    id: string;
    username: string;
    firstUsed: string | null;
    lastUsed: string | null;
    revoked: boolean;
  } | null;
};

export function planRowView(row: PlanRow, formatDate: (date: Date) => string): PlanRowView {
  const { credential } = row;
  return {
    address: row.address,
    messages: row.messages,
    auth: row.auth,
    tls10Percent: row.tls10Percent,
    tls11Percent: row.tls11Percent,
    tls12Percent: row.tls12Percent,
    listener: row.listener,
    proposal: row.proposal,
    status: row.status,
    inLatestImport: row.inLatestImport,
    credential: credential && {
      id: credential.id,
      username: credential.username,
      firstUsed: credential.firstUsedAt ? formatDate(credential.firstUsedAt) : null,
      lastUsed: credential.lastUsedAt ? formatDate(credential.lastUsedAt) : null,
      revoked: credential.revokedAt !== null,
    },
  };
}
