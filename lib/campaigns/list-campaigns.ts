import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { ReconnectCampaignChannel } from "@/lib/db/generated/enums";
import { memberReconnectedSql } from "./member-reconnected-sql";

export interface CampaignListItem {
  id: string;
  name: string;
  channel: ReconnectCampaignChannel;
  createdBy: string;
  createdAt: Date;
  closedAt: Date | null;
  members: number;
  reconnected: number;
}

/** The school's campaigns, newest first, each with how many of its mailboxes reconnected. */
export async function listCampaigns(ctx: TenantContext): Promise<CampaignListItem[]> {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const db = await getDb();
  return db.$queryRaw<CampaignListItem[]>`
    SELECT c.id, c.name, c.channel::text AS channel, c."createdByLabel" AS "createdBy",
      c."createdAt", c."closedAt",
      count(m."mailboxId")::int AS members,
      (count(*) FILTER (WHERE ${memberReconnectedSql}))::int AS reconnected
    FROM "ReconnectCampaign" c
    LEFT JOIN "ReconnectCampaignMember" m ON m."campaignId" = c.id AND m."tenantId" = c."tenantId"
    LEFT JOIN "Mailbox" mb ON mb.id = m."mailboxId" AND mb."tenantId" = m."tenantId"
    WHERE c."tenantId" = ${ctx.tenantId}::uuid
    GROUP BY c.id
    ORDER BY c."createdAt" DESC
    LIMIT 200`;
}
