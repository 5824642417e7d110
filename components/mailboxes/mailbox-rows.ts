import type { Translator } from "@/lib/i18n/translate";
import { formatDay, formatMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import type { MailboxListItem } from "@/lib/mailboxes/list-mailboxes";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import type { GrantEndWords } from "./grant-end-text";
import type { MailboxRowData } from "./mailboxes-table";

function grantEndWords(t: Translator, dates: DateConventions, mailbox: MailboxListItem): GrantEndWords {
  const end = mailbox.grantEnd;
  if (end) {
    return {
      text: formatDay(dates, end.at),
      note: t(
        end.reason === "provider"
          ? "mailboxes.table.endAnnounced"
          : end.reason === "testing"
            ? "mailboxes.table.endTesting"
            : "mailboxes.table.endsIfUnused",
      ),
    };
  }
  return { text: mailbox.state === "connected" ? t("mailboxes.table.noKnownEnd") : "—", note: null };
}

/** The rows of the mailbox table, in the reader's words: its health line and the forecast end of each connection. */
export function mailboxRows(
  t: Translator,
  dates: DateConventions,
  mailboxes: MailboxListItem[],
): MailboxRowData[] {
  return mailboxes.map((m) => {
    const { code, tone, headline } = mailboxHealthWords(t, dates, m.health);
    return {
      id: m.id,
      address: m.address,
      displayName: m.displayName,
      configurationName: m.configuration.name,
      state: m.state,
      health: { code, tone, headline },
      members: m.members.map((member) => member.email),
      end: grantEndWords(t, dates, m),
      linkOpenUntil: m.openConnectLinkExpiresAt ? formatMoment(dates, m.openConnectLinkExpiresAt) : null,
      lastUsed: m.lastUsedAt ? formatMoment(dates, m.lastUsedAt) : null,
    };
  });
}
