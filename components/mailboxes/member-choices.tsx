"use client";

import { useId } from "react";
import { useT } from "@/components/i18n-provider";

/** Checkboxes of the tenant's members, as repeated `members` fields (a multi-select that reads well). */
export function MemberChoices({
  members,
  selected,
  error,
  legend,
}: {
  members: { id: string; email: string; name: string }[];
  selected: string[];
  /** Already translated. */
  error?: string;
  legend?: string;
}) {
  const t = useT();
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium text-slate-800">{legend ?? t("mailboxes.form.members")}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t("mailboxes.form.membersHint")}
      </p>
      {members.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("mailboxes.form.noMembers")}</p>
      ) : (
        <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
          {members.map((member) => (
            <li key={member.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="members"
                  value={member.id}
                  defaultChecked={selected.includes(member.id)}
                  data-testid={`mailbox-member-${member.email}`}
                />
                <span className="break-all">
                  {member.name ? `${member.name} <${member.email}>` : member.email}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
