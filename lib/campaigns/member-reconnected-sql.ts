import { Prisma } from "@/lib/db/generated/client";

/**
 * reconnectedSince (campaign-status.ts) in SQL, over a campaign member `m`
 * joined to its mailbox `mb`: connected since it joined the campaign.
 */
export const memberReconnectedSql = Prisma.sql`(mb.state = 'connected' AND mb."connectedAt" IS NOT NULL AND mb."connectedAt" >= m."createdAt")`;
