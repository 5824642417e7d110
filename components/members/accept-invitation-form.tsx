"use client";

import { signIn } from "next-auth/react";
import { useT } from "@/components/i18n-provider";
import { TextField } from "@/components/ui/text-field";
import { acceptInvitationAction } from "@/lib/members/member-actions";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";

/**
 * For someone without a password yet: name and password, then acceptance,
 * then sign-in with that password (the account did not exist or had no
 * password, so there is no session to reuse).
 */
export function AcceptInvitationForm({
  token,
  nameRequired,
  defaultName,
  passwordMinLength,
}: {
  token: string;
  nameRequired: boolean;
  defaultName: string;
  passwordMinLength: number;
}) {
  const t = useT();
  const { result, pending, onSubmit } = useFormAction(acceptInvitationAction, (outcome, form) => {
    if (!outcome.ok) return;
    void signIn("password", {
      email: outcome.data.email,
      password: String(new FormData(form).get("password") ?? ""),
      callbackUrl: `/t/${outcome.data.tenantSlug}`,
    });
  });
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const accepted = result?.ok === true;
  return (
    <form data-testid="accept-form" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField
        name="name"
        label={t("members.accept.name")}
        autoComplete="name"
        defaultValue={defaultName}
        required={nameRequired}
        maxLength={200}
        error={fieldErrors?.name}
        data-testid="accept-name"
      />
      <TextField
        name="password"
        type="password"
        label={t("members.accept.password")}
        hint={t("members.accept.passwordHint", { min: passwordMinLength })}
        autoComplete="new-password"
        required
        error={fieldErrors?.password}
        data-testid="accept-password"
      />
      <TextField
        name="passwordConfirmation"
        type="password"
        label={t("members.accept.passwordConfirmation")}
        autoComplete="new-password"
        required
        error={fieldErrors?.passwordConfirmation}
        data-testid="accept-password-confirmation"
      />
      <button
        type="submit"
        data-testid="accept-submit"
        disabled={pending || accepted}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("members.accept.submit")}
      </button>
      <ActionNotice
        testId="accept-result"
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("members.accept.accepted", { tenant: result.data.tenantName }) }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
