"use client";

import { useId } from "react";
import { useT } from "@/components/i18n-provider";
import { TextField } from "@/components/ui/text-field";
import { inviteMemberAction } from "@/lib/members/member-actions";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";

export function InviteForm({ tenant }: { tenant: string }) {
  const t = useT();
  const roleId = useId();
  const { result, pending, onSubmit } = useFormAction(inviteMemberAction, (outcome, form) => {
    if (outcome.ok) form.reset();
  });
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form
      data-testid="invite-form"
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby={`${roleId}-title`}
    >
      <h2 id={`${roleId}-title`} className="text-lg font-semibold">
        {t("members.invite.title")}
      </h2>
      <input type="hidden" name="tenant" value={tenant} />
      <div className="flex flex-wrap items-start gap-4">
        <TextField
          name="email"
          type="email"
          label={t("members.invite.email")}
          autoComplete="off"
          required
          maxLength={254}
          error={fieldErrors?.email}
          data-testid="invite-email"
          className="min-w-64 flex-1"
        />
        <div>
          <label htmlFor={roleId} className="block text-sm font-medium text-slate-800">
            {t("members.invite.role")}
          </label>
          <select
            id={roleId}
            name="role"
            defaultValue="member"
            data-testid="invite-role"
            aria-invalid={fieldErrors?.role ? true : undefined}
            className="mt-1 block rounded border border-slate-300 bg-white px-3 py-2"
          >
            <option value="member">{t("common.roles.member")}</option>
            <option value="admin">{t("common.roles.admin")}</option>
          </select>
          {fieldErrors?.role && <p className="mt-1 text-sm text-red-700">{fieldErrors.role}</p>}
        </div>
      </div>
      <button
        type="submit"
        data-testid="invite-submit"
        disabled={pending}
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("members.invite.submit")}
      </button>
      <ActionNotice
        testId="invite-result"
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("members.invite.sent", { email: result.data.email }) }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
