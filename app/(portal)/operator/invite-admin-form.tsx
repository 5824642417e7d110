"use client";

import { useId } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/text-field";
import { inviteSchoolAdminAction } from "@/lib/operator/operator-actions";

/** The operator invites a school's administrator by e-mail: folded until opened, one per school row. */
export function InviteAdminForm({ id, name, open }: { id: string; name: string; open: boolean }) {
  const t = useT();
  const titleId = useId();
  const { result, pending, onSubmit } = useFormAction(inviteSchoolAdminAction, (outcome, form) => {
    if (outcome.ok) form.reset();
  });
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <details open={open} className="mt-1" data-testid="invite-admin">
      <summary className="cursor-pointer text-xs font-medium text-brand-700 underline">
        {t("operator.inviteAdmin.open")}
        <span className="sr-only"> {name}</span>
      </summary>
      <form onSubmit={onSubmit} noValidate aria-labelledby={titleId} className="mt-2 space-y-2">
        <p id={titleId} className="text-sm font-medium">
          {t("operator.inviteAdmin.title", { name })}
        </p>
        <input type="hidden" name="id" value={id} />
        <TextField
          name="email"
          type="email"
          label={t("operator.inviteAdmin.email")}
          autoComplete="off"
          required
          maxLength={254}
          error={fieldErrors?.email}
          data-testid="invite-admin-email"
        />
        <button
          type="submit"
          disabled={pending}
          data-testid="invite-admin-submit"
          className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t("operator.inviteAdmin.submit")}
        </button>
        <ActionNotice
          testId="invite-admin-result"
          notice={
            !result
              ? null
              : result.ok
                ? {
                    kind: "success",
                    text: t("operator.inviteAdmin.sent", {
                      email: result.data.email,
                      name: result.data.tenantName,
                    }),
                  }
                : { kind: "error", text: result.message }
          }
        />
      </form>
    </details>
  );
}
