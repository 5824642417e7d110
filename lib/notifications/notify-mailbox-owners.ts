import { recordAudit } from "@/lib/audit/record-audit";
import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { explainConnectionError } from "@/lib/tokens/explain-connection-error";
import { systemActor } from "@/lib/tokens/system-actor";
import { mailLocale, type Recipient } from "./recipients";

type BrokenMailbox = { id: string; address: string; lastErrorCode: string | null; tenantId: string };
type Tenant = { id: string; slug: string; name: string };

/**
 * Tells the members assigned to mailboxes that need reconnecting, once per
 * breakage: each mailbox is claimed (ownersNotifiedAt set while it is null,
 * in one UPDATE, so two processes cannot both claim it), and each person
 * gets one mail for everything claimed at once, in their language.
 * Returns how many mails were sent.
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
    select: { id: true, address: true, lastErrorCode: true, tenantId: true },
  });
  if (claimed.length === 0) return 0;
  const tenants = await db.tenant.findMany({
    where: { id: { in: [...new Set(claimed.map((m) => m.tenantId))] } },
    select: { id: true, slug: true, name: true },
  });
  let sent = 0;
  for (const tenant of tenants) {
    sent += await notifyTenantOwners(
      tenant,
      claimed.filter((m) => m.tenantId === tenant.id),
    );
  }
  return sent;
}

async function notifyTenantOwners(tenant: Tenant, mailboxes: BrokenMailbox[]): Promise<number> {
  const db = await getDb();
  const assignments = await db.mailboxAssignment.findMany({
    where: {
      tenantId: tenant.id,
      mailboxId: { in: mailboxes.map((m) => m.id) },
      // Only people who still belong to the school and can sign in to reconnect.
      user: { disabledAt: null, memberships: { some: { tenantId: tenant.id } } },
    },
    select: { mailboxId: true, user: { select: { id: true, email: true, locale: true } } },
  });
  const byOwner = new Map<string, { recipient: Recipient; mailboxes: BrokenMailbox[] }>();
  for (const { mailboxId, user } of assignments) {
    const entry = byOwner.get(user.id) ?? {
      recipient: { userId: user.id, email: user.email, locale: mailLocale(user.locale) },
      mailboxes: [],
    };
    entry.mailboxes.push(mailboxes.find((m) => m.id === mailboxId)!);
    byOwner.set(user.id, entry);
  }
  let sent = 0;
  for (const { recipient, mailboxes: theirs } of byOwner.values()) {
    await sendReconnectMail(tenant, recipient, theirs);
    sent += 1;
  }
  await db.$transaction(async (tx) => {
    for (const mailbox of mailboxes) {
      const told = [...byOwner.values()]
        .filter((o) => o.mailboxes.includes(mailbox))
        .map((o) => o.recipient.email);
      await recordAudit(
        tx,
        { ...systemActor, tenantId: tenant.id },
        {
          action: "mailbox.owners_notified",
          targetType: "mailbox",
          targetId: mailbox.id,
          targetLabel: mailbox.address,
          details: { recipients: told },
        },
      );
    }
  });
  return sent;
}

async function sendReconnectMail(tenant: Tenant, recipient: Recipient, mailboxes: BrokenMailbox[]) {
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
