"use client";

import { useActionState } from "react";
import { useT } from "@/components/i18n-provider";
import { TextField } from "@/components/ui/text-field";
import { requestSignInLinkAction } from "@/lib/sign-in/sign-in-actions";

export function LinkRequestForm() {
  const t = useT();
  const [state, action, pending] = useActionState(requestSignInLinkAction, null);
  return (
    <form action={action} className="space-y-3" data-testid="link-request-form" noValidate>
      <p className="text-sm text-slate-600">{t("auth.signIn.orLink")}</p>
      <TextField
        name="email"
        type="email"
        label={t("auth.signIn.email")}
        autoComplete="email"
        error={state && !state.ok ? state.fieldErrors?.email : undefined}
      />
      {state?.ok && (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("auth.signIn.linkSent")}
        </p>
      )}
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      )}
      <button
        type="submit"
        data-testid="link-request-submit"
        disabled={pending}
        className="w-full rounded border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {t("auth.signIn.requestLink")}
      </button>
    </form>
  );
}
