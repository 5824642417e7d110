import { randomUUID } from "node:crypto";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { newLinkToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { auditEntryRow, slices } from "@/lib/audit/audit-entry-rows";
import { isUuid } from "@/lib/ids/is-uuid";
import type { CreateConnectLinksInput } from "./connect-link-schemas";
import { sendConnectLinkMail } from "./send-connect-link-mail";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a single-use connect link for each mailbox given (all of the
 * tenant's, or nothing happens) and mails it to the mailbox's own address
 * (a shared mailbox's to its delegate).
 * A mailbox keeps one open link: an unused, unexpired older one is revoked.
 */
export async function createConnectLinks(ctx: TenantContext, input: CreateConnectLinksInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const ids = [...new Set(input.ids)];
  if (ids.length === 0 || !ids.every(isUuid)) throw notFound();
  const db = await getDb();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const links = await db.$transaction(async (tx) => {
    // Locked in id order, so that two requests for the same mailboxes
    // cannot both see no open link and leave two behind.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Mailbox"
      WHERE "tenantId" = ${ctx.tenantId}::uuid AND "id" = ANY(${ids}::uuid[])
      ORDER BY "id"
      FOR UPDATE`;
    if (locked.length !== ids.length) throw notFound();
    const mailboxes = await tx.mailbox.findMany({
      where: { tenantId: ctx.tenantId, id: { in: ids } },
      select: { id: true, address: true, delegateAccount: true },
      orderBy: { address: "asc" },
    });
    const replaced = await tx.connectLink.findMany({
      where: {
        tenantId: ctx.tenantId,
        mailboxId: { in: ids },
        usedAt: null,
        revokedAt: null,
        expiresAt: { gt: now },
      },
      select: { id: true, mailboxId: true },
    });
    if (replaced.length > 0) {
      await tx.connectLink.updateMany({
        where: { tenantId: ctx.tenantId, id: { in: replaced.map((l) => l.id) } },
        data: { revokedAt: now },
      });
    }
    const created = mailboxes.map((mailbox) => ({ id: randomUUID(), mailbox, ...newLinkToken() }));
    for (const slice of slices(created)) {
      await tx.connectLink.createMany({
        data: slice.map((link) => ({
          id: link.id,
          tenantId: ctx.tenantId,
          mailboxId: link.mailbox.id,
          tokenHash: link.tokenHash,
          createdById: ctx.userId,
          // A shared mailbox's link goes to its delegate, who connects it.
          sentTo: link.mailbox.delegateAccount ?? link.mailbox.address,
          expiresAt,
        })),
      });
    }
    const entries = created.map((link) =>
      auditEntryRow(ctx, {
        action: "connect_link.created",
        targetType: "mailbox",
        targetId: link.mailbox.id,
        targetLabel: link.mailbox.address,
        details: {
          connectLinkId: link.id,
          expiresInDays: input.expiresInDays,
          replacedLinks: replaced.filter((r) => r.mailboxId === link.mailbox.id).length,
        },
      }),
    );
    for (const slice of slices(entries)) await tx.auditEntry.createMany({ data: slice });
    return created;
  });

  // After the commit: a mail cannot be taken back. A link whose mail failed
  // stays listed without `sentTo`, and sending again replaces it.
  const results = [];
  for (const link of links) {
    const mailed = await sendConnectLinkMail(ctx, {
      address: link.mailbox.address,
      delegateAccount: link.mailbox.delegateAccount,
      token: link.token,
      days: input.expiresInDays,
      expiresAt,
    }).then(
      () => true,
      (error: unknown) => {
        logger().error(
          { tenantId: ctx.tenantId, mailboxId: link.mailbox.id, err: error },
          "Connect link mail not sent",
        );
        return false;
      },
    );
    results.push({
      connectLinkId: link.id,
      mailboxId: link.mailbox.id,
      address: link.mailbox.address,
      mailed,
    });
  }
  const unsent = results.filter((r) => !r.mailed).map((r) => r.connectLinkId);
  if (unsent.length > 0) {
    await db.connectLink.updateMany({
      where: { tenantId: ctx.tenantId, id: { in: unsent } },
      data: { sentTo: null },
    });
  }
  return { expiresAt, links: results };
}
