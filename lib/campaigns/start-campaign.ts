import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { resolveBulkTargets } from "@/lib/mailboxes/bulk/resolve-bulk-targets";
import { slices } from "@/lib/audit/audit-entry-rows";
import type { StartCampaignInput } from "./campaign-schemas";

/**
 * Starts a campaign over the mailbox list's filter: every matching mailbox
 * of this school that is not connected now becomes a member, not asked yet.
 * The page then sends the links part by part (sendCampaignLinks), so that
 * no request holds hundreds of mails.
 */
export async function startCampaign(ctx: TenantContext, input: StartCampaignInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const filter = {
    q: input.q,
    state: input.state,
    config: input.config,
    provider: input.provider,
    member: input.member,
  };
  const matching = await resolveBulkTargets(ctx, { scope: "filter", ...filter });
  const targets = matching.filter((m) => m.state !== "connected");
  if (targets.length === 0) throw new DomainError("invalid_input", "campaigns.form.noneMatching");
  const db = await getDb();
  const reminderDays = input.channel === "mail" ? (input.reminderDays ?? null) : null;
  const campaign = await db.$transaction(async (tx) => {
    const created = await tx.reconnectCampaign.create({
      data: {
        tenantId: ctx.tenantId,
        name: input.name,
        filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
        channel: input.channel,
        linkDays: input.linkDays,
        reminderDays,
        createdById: ctx.userId,
        createdByLabel: ctx.userEmail,
      },
      select: { id: true, createdAt: true },
    });
    for (const slice of slices(targets)) {
      await tx.reconnectCampaignMember.createMany({
        data: slice.map((m) => ({
          tenantId: ctx.tenantId,
          campaignId: created.id,
          mailboxId: m.id,
          createdAt: created.createdAt,
        })),
      });
    }
    await recordAudit(tx, ctx, {
      action: "reconnect_campaign.started",
      targetType: "reconnect_campaign",
      targetId: created.id,
      targetLabel: input.name,
      details: {
        mailboxes: targets.length,
        alreadyConnected: matching.length - targets.length,
        channel: input.channel,
        linkDays: input.linkDays,
        reminderDays,
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.provider ? { provider: filter.provider } : {}),
        ...(filter.q ? { search: filter.q } : {}),
      },
    });
    return created;
  });
  return { id: campaign.id, targets: targets.map(({ id, address }) => ({ id, address })) };
}
