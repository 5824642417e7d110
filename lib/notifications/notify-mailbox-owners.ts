import { recordAudit } from "@/lib/audit/record-audit";
import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";
import { systemActor } from "@/lib/audit/system-actor";
import { mailLocale, type Recipient } from "./recipients";

/** One reconnect notice per person and school within this window, however many mailboxes break. */
export const OWNER_NOTICE_COOLDOWN_MS = 12 * 3600_000;
const NOTICE_ACTION = "mailbox.owner_notified";

type Tenant = { id: string; slug: string; name: string; locale: string };

/**
 * Tells the members assigned to mailboxes that need reconnecting. Each
 * broken mailbox is claimed once per breakage (ownersNotifiedAt set while
 * null, in one UPDATE that two processes cannot both win); each of its
 * owners then gets one mail listing all their mailboxes that need
 * reconnecting, in their language (else the school's), unless they got one within the
 * cooldown: when a whole school breaks at once, nobody gets a mail per
 * mailbox. Returns how many mails were sent.
 */
export async function notifyOwnersOfBrokenMailboxes(options: { tenantId?: string; now?: Date } = {}) {
  const db = await getDb();
  const now = options.now ?? new Date();
  const claimed = await db.mailbox.updateManyAndReturn({
    where: {
      state: "needs_reconnect",
      ownersNotifiedAt: null,
      ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    },
    data: { ownersNotifiedAt: now },
    select: { id: true, tenantId: true },
  });
  if (claimed.length === 0) return 0;
  const tenants = await db.tenant.findMany({
    where: { id: { in: [...new Set(claimed.map((m) => m.tenantId))] } },
    select: { id: true, slug: true, name: true, locale: true },
  });
  let sent = 0;
  for (const tenant of tenants) {
    const owners = await db.mailboxAssignment.findMany({
      where: {
        tenantId: tenant.id,
        mailboxId: { in: claimed.filter((m) => m.tenantId === tenant.id).map((m) => m.id) },
        // Only people who still belong to the school and can sign in to reconnect.
        user: { disabledAt: null, memberships: { some: { tenantId: tenant.id } } },
      },
      distinct: ["userId"],
      select: { user: { select: { id: true, email: true, locale: true } } },
    });
    for (const { user } of owners) {
      const recipient = {
        userId: user.id,
        email: user.email,
        locale: mailLocale(user.locale, tenant.locale),
      };
      if (await noticeOwner(tenant, recipient, now)) sent += 1;
    }
  }
  return sent;
}

/** Sends one owner their notice unless one went out within the cooldown; true when sent. */
async function noticeOwner(tenant: Tenant, recipient: Recipient, now: Date): Promise<boolean> {
  const db = await getDb();
  const broken = await db.mailbox.findMany({
    where: {
      tenantId: tenant.id,
      state: "needs_reconnect",
      assignments: { some: { userId: recipient.userId, tenantId: tenant.id } },
    },
    select: { address: true, lastErrorCode: true },
    orderBy: { address: "asc" },
  });
  if (broken.length === 0) return false;
  // The check and the record under one lock per person and school: two processes noticing
  // two breakages at the same moment send one mail, not two.
  const noticeId = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`owner-notice:${tenant.id}:${recipient.userId}`}))`;
    const recent = await tx.auditEntry.count({
      where: {
        tenantId: tenant.id,
        action: NOTICE_ACTION,
        targetId: recipient.userId,
        createdAt: { gt: new Date(now.getTime() - OWNER_NOTICE_COOLDOWN_MS) },
      },
    });
    if (recent > 0) return null;
    await recordAudit(
      tx,
      { ...systemActor, tenantId: tenant.id },
      {
        action: NOTICE_ACTION,
        targetType: "user",
        targetId: recipient.userId,
        targetLabel: recipient.email,
        details: { mailboxes: broken.map((m) => m.address) },
      },
    );
    const entry = await tx.auditEntry.findFirst({
      where: { tenantId: tenant.id, action: NOTICE_ACTION, targetId: recipient.userId },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    return entry?.id ?? null;
  });
  if (noticeId === null) return false;
  try {
    await sendReconnectMail(tenant, recipient, broken);
  } catch (error) {
    // Not sent: the next breakage or `notifications:digest` may try again.
    await db.auditEntry.deleteMany({ where: { id: noticeId, tenantId: tenant.id } });
    throw error;
  }
  return true;
}

async function sendReconnectMail(
  tenant: Tenant,
  recipient: Recipient,
  mailboxes: { address: string; lastErrorCode: string | null }[],
) {
  const t = createTranslator(recipient.locale);
  const lines = mailboxes.map((m) => `- ${m.address}: ${t(explainConnectionError(m.lastErrorCode).cause)}`);
  await sendPlatformMail({
    to: recipient.email,
    subject:
      mailboxes.length === 1
        ? t("connections.mail.reconnect.subjectOne", { address: mailboxes[0]!.address })
        : t("connections.mail.reconnect.subjectMany", { count: mailboxes.length }),
    text: t("connections.mail.reconnect.body", {
      tenant: tenant.name,
      mailboxes: lines.join("\n"),
      link: `${publicUrl()}/t/${tenant.slug}/my-mailboxes`,
    }),
  });
}
