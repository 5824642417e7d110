import { Children, type ReactNode } from "react";
import type { MailboxHealthTone } from "@/lib/mailbox-health/mailbox-health";
import type { MailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";

const dots: Record<MailboxHealthTone, string> = {
  good: "bg-green-600",
  notice: "bg-sky-600",
  warning: "bg-amber-500",
  problem: "bg-red-600",
};

const boxes: Record<MailboxHealthTone, string> = {
  good: "border-green-200 bg-green-50",
  notice: "border-sky-200 bg-sky-50",
  warning: "border-amber-300 bg-amber-50",
  problem: "border-red-200 bg-red-50",
};

/**
 * A mailbox's health line (mailboxHealthWords): the same words in the list,
 * on its page and in "My mailboxes". The colour repeats what the words say.
 * `full` adds the cause, the advice, the fixes (`children`, buttons or links
 * the page may offer to this reader) and the raw code for support; `note`,
 * what the line means for what the reader is about to do (the compose
 * page's "a mail queued now waits until…"), goes before the fixes.
 */
export function MailboxHealthLine({
  words,
  full = false,
  supportLabel,
  testId,
  note,
  children,
}: {
  words: Pick<MailboxHealthWords, "code" | "tone" | "headline"> & Partial<MailboxHealthWords>;
  full?: boolean;
  /** "For support:", translated: shown before the raw code. */
  supportLabel?: string;
  testId?: string;
  note?: ReactNode;
  children?: ReactNode;
}) {
  const line = (
    <p
      className="flex items-baseline gap-2"
      data-testid={testId}
      data-health={words.code}
      data-tone={words.tone}
    >
      <span
        aria-hidden="true"
        className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${dots[words.tone]}`}
      />
      <span className={full ? "font-medium text-slate-900" : "text-slate-800"}>{words.headline}</span>
    </p>
  );
  if (!full) return line;
  return (
    <div className={`space-y-2 rounded border p-3 ${boxes[words.tone]}`}>
      {line}
      {words.cause && <p className="text-sm text-slate-700">{words.cause}</p>}
      {words.advice && <p className="text-sm text-slate-800">{words.advice}</p>}
      {note}
      {Children.toArray(children).length > 0 && (
        <div className="flex flex-wrap items-center gap-2 pt-1">{children}</div>
      )}
      {words.errorCode && supportLabel && (
        <p className="text-xs text-slate-700">
          {supportLabel} <code className="break-all">{words.errorCode}</code>
        </p>
      )}
    </div>
  );
}
