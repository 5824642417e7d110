"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { useDates, useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { composeMailAction } from "@/lib/outbox/outbox-actions";
import { fieldClass } from "@/components/ui/classes";
import { instantIn } from "@/lib/i18n/dates/time-zones";
import { useComposeDraft } from "./compose-draft";
import { SenderHealth } from "./sender-health";
import type { SenderWords } from "./sender-options";

/**
 * The compose form: nothing is queued unless every field passes; refused
 * fields keep what was typed. The sender list says each mailbox's state in
 * a word, and the chosen one's health line stands under it, with what a
 * mail queued now would do and the fixes, before anything is queued.
 */
export function ComposeForm({
  tenant,
  mailboxes,
  initialMailboxId,
  maxSize,
  draftOwner,
}: {
  tenant: string;
  mailboxes: SenderWords[];
  initialMailboxId: string;
  maxSize: string;
  /** Whose draft this tab keeps: the school and the person. */
  draftOwner: string;
}) {
  const t = useT();
  const dates = useDates();
  const formRef = useRef<HTMLFormElement>(null);
  const { draft, clear: clearDraft } = useComposeDraft(draftOwner, formRef);
  // What the writer chose on this page; until then, what the kept draft held, else the page's default.
  const [chosenMailboxId, setMailboxId] = useState<string | null>(null);
  const [typedSendAt, setLocalSendAt] = useState<string | null>(null);
  const keptMailboxId = draft && mailboxes.some((m) => m.id === draft.mailboxId) ? draft.mailboxId : null;
  const mailboxId = chosenMailboxId ?? keptMailboxId ?? initialMailboxId;
  const localSendAt = typedSendAt ?? draft?.sendAt ?? "";
  const sender = mailboxes.find((m) => m.id === mailboxId) ?? mailboxes[0]!;
  const { result, pending, onSubmit } = useFormAction(composeMailAction, (outcome, form) => {
    if (outcome.ok) {
      form.reset();
      setLocalSendAt("");
      clearDraft();
    }
  });
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const fieldError = (name: string) =>
    errors[name] ? (
      <p role="alert" className="mt-1 text-sm text-red-700" data-testid={`compose-error-${name}`}>
        {errors[name]}
      </p>
    ) : null;
  // The time typed is the school's (its zone, as every time on its pages); the server gets an exact instant.
  const sendAtIso = localSendAt ? (instantIn(dates.timeZone, localSendAt)?.toISOString() ?? "") : "";
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      className="space-y-4 rounded border border-slate-200 bg-white p-4"
      data-testid="compose-form"
    >
      {draft && !result?.ok && (
        <p
          role="status"
          className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-900"
          data-testid="compose-draft-restored"
        >
          {t("outbox.compose.draftRestored")}
          {draft.attachments && ` ${t("outbox.compose.draftAttachments")}`}
        </p>
      )}
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="sendAt" value={sendAtIso} />
      <div className="text-sm">
        <label htmlFor="compose-mailbox">{t("outbox.compose.mailbox")}</label>
        <select
          id="compose-mailbox"
          name="mailboxId"
          className={fieldClass}
          data-testid="compose-mailbox"
          required
          value={sender.id}
          onChange={(event) => setMailboxId(event.target.value)}
          aria-describedby="compose-sender-health"
        >
          {mailboxes.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        {fieldError("mailboxId")}
        <div role="group" aria-label={t("outbox.compose.senderHealth")} aria-live="polite">
          <SenderHealth
            tenant={tenant}
            sender={sender}
            id="compose-sender-health"
            warningId="compose-sender-warning"
            testId="compose-sender-health"
          />
        </div>
      </div>
      {(["to", "cc", "bcc"] as const).map((field) => (
        <label key={field} className="block text-sm">
          {t(`outbox.compose.${field}`)}
          <input
            name={field}
            type="text"
            className={fieldClass}
            data-testid={`compose-${field}`}
            aria-describedby="compose-addresses-hint"
            autoComplete="off"
          />
          {fieldError(field)}
        </label>
      ))}
      <p id="compose-addresses-hint" className="text-xs text-slate-500">
        {t("outbox.compose.addressesHint")}
      </p>
      <label className="block text-sm">
        {t("outbox.compose.subject")}
        <input
          name="subject"
          type="text"
          maxLength={998}
          className={fieldClass}
          data-testid="compose-subject"
        />
        {fieldError("subject")}
      </label>
      <label className="block text-sm">
        {t("outbox.compose.text")}
        <textarea name="text" rows={8} className={fieldClass} data-testid="compose-text" />
        {fieldError("body")}
      </label>
      <label className="block text-sm">
        {t("outbox.compose.html")}
        <textarea name="html" rows={4} className={`${fieldClass} font-mono`} data-testid="compose-html" />
      </label>
      <label className="block text-sm">
        {t("outbox.compose.attachments")}
        <input
          name="attachments"
          type="file"
          multiple
          className="mt-1 block text-sm"
          data-testid="compose-attachments"
        />
        <span className="text-xs text-slate-500">
          {t("outbox.compose.attachmentsHint", { size: maxSize })}
        </span>
        {fieldError("attachments")}
      </label>
      <label className="block text-sm">
        {t("outbox.compose.sendAt", { timeZone: dates.timeZone })}
        <input
          type="datetime-local"
          value={localSendAt}
          onChange={(event) => setLocalSendAt(event.target.value)}
          data-draft-send-at
          className={fieldClass}
          data-testid="compose-send-at"
        />
        {fieldError("sendAt")}
      </label>
      <button
        type="submit"
        disabled={pending}
        aria-describedby={sender.warning ? "compose-sender-warning" : undefined}
        data-testid="compose-submit"
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("outbox.compose.submit")}
      </button>
      <ActionNotice
        testId="compose-result"
        notice={
          result
            ? result.ok
              ? { kind: result.data.tone, text: result.data.message }
              : { kind: "error", text: result.message }
            : null
        }
      />
      {result?.ok && (
        <Link
          href={`/t/${tenant}/outbox/${result.data.id}`}
          className="text-sm text-brand-700 underline"
          data-testid="compose-view"
        >
          {t("outbox.compose.view")}
        </Link>
      )}
    </form>
  );
}
