import type { DateConventions } from "@/lib/i18n/dates/formats";
import { authorizeUrl } from "@/components/mailboxes/connect-link-urls";
import {
  healthMessageText,
  mailboxHealthWords,
  type MailboxHealthWords,
} from "@/lib/mailbox-health/mailbox-health-words";
import type { MailboxHealth } from "@/lib/mailbox-health/mailbox-health";
import type { Translator } from "@/lib/i18n/translate";
import { waitMessage } from "@/lib/outbox/portal-queue-answer";
import type { SendingVerdict } from "@/lib/outbox/sending-verdict";

/** A fix offered beside a sender's health: a link, or the "send a (re)connect link" button. */
export type SenderFix =
  | { kind: "connect"; href: string; label: string }
  | { kind: "send_link"; label: string }
  | { kind: "mailbox"; href: string; label: string };

/** What the compose page and the test mail button show of a mailbox to send from, in the reader's words. */
export interface SenderWords {
  id: string;
  address: string;
  /** The sender list's option: the mailbox and a short word of its state. */
  label: string;
  health: MailboxHealthWords;
  verdict: SendingVerdict["kind"];
  /** Before queuing, when a mail would not simply leave: what it would wait for, or that it is refused. */
  warning: string | null;
  fixes: SenderFix[];
}

export interface SenderFacts {
  id: string;
  address: string;
  displayName: string;
  pausedUntil: Date | null;
  health: MailboxHealth;
  verdict: SendingVerdict;
}

/**
 * A sender in words, from its one health line: the short state word of the
 * list, the line itself, the warning before queuing and the fixes this
 * reader may use (connecting it: anyone who may send from it, as its
 * owner or an admin; mailing a link: `canManage`, the school's admins; its
 * page: everyone, where the other fixes are). `returnTo`: where the
 * authorization comes back to.
 */
export function senderWords(
  t: Translator,
  mailbox: SenderFacts,
  options: { tenant: string; canManage: boolean; dates: DateConventions; returnTo?: string },
): SenderWords {
  const { health, verdict } = mailbox;
  const short =
    verdict.kind === "send"
      ? t("outbox.sendability.short.ready")
      : verdict.kind === "refuse"
        ? t("outbox.sendability.short.disconnected")
        : t(`outbox.sendability.short.${verdict.reason}`);
  const name = mailbox.displayName ? `${mailbox.displayName} <${mailbox.address}>` : mailbox.address;
  const warning =
    verdict.kind === "hold"
      ? `${t("outbox.sendability.cannotSend")}. ${healthMessageText(t, options.dates, waitMessage("before", mailbox))}`
      : verdict.kind === "refuse"
        ? `${t("outbox.sendability.neverSends")}. ${t("outbox.sendability.refusedBefore", { address: mailbox.address })}`
        : null;
  const fixes: SenderFix[] = [];
  const connect = health.fixes.includes("connect")
    ? "connect"
    : health.fixes.includes("reconnect")
      ? "reconnect"
      : null;
  if (connect) {
    fixes.push({
      kind: "connect",
      href: authorizeUrl(options.tenant, mailbox.id, options.returnTo),
      label: t(`mailboxes.health.fixes.${connect}`),
    });
  }
  if (options.canManage && health.fixes.includes("send_connect_link")) {
    fixes.push({
      kind: "send_link",
      label: t(
        connect === "reconnect"
          ? "mailboxes.health.fixes.sendReconnectLink"
          : "mailboxes.health.fixes.sendConnectLink",
      ),
    });
  }
  if (health.tone !== "good") {
    fixes.push({
      kind: "mailbox",
      href: `/t/${options.tenant}/mailboxes/${mailbox.id}#health`,
      label: t("outbox.sendability.openMailbox"),
    });
  }
  return {
    id: mailbox.id,
    address: mailbox.address,
    label: t("outbox.compose.option", { mailbox: name, state: short }),
    health: mailboxHealthWords(t, options.dates, health, options.canManage ? "admin" : "owner"),
    verdict: verdict.kind,
    warning,
    fixes,
  };
}
