"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/text-field";
import { createMailboxAction } from "@/lib/mailboxes/mailbox-actions";
import type { MailboxFormOptions } from "@/lib/mailboxes/list-mailbox-form-options";
import { ConfigurationSelect } from "./configuration-select";
import { MemberChoices } from "./member-choices";
import { SendingFields } from "./sending-fields";

/** Adds a mailbox; on success its page says what to do next. */
export function MailboxForm({
  tenant,
  options,
  initialConfigurationId = "",
}: {
  tenant: string;
  options: MailboxFormOptions;
  /** Chosen in advance when the form is opened from an application's page. */
  initialConfigurationId?: string;
}) {
  const t = useT();
  const titleId = useId();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(createMailboxAction, (outcome) => {
    if (outcome.ok) router.push(`/t/${tenant}/mailboxes/${outcome.data.id}?created=1`);
  });
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const [configurationId, setConfigurationId] = useState(initialConfigurationId);
  return (
    <form
      data-testid="mailbox-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={titleId}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={titleId} className="sr-only">
        {t("mailboxes.form.title")}
      </h2>
      <input type="hidden" name="tenant" value={tenant} />
      <TextField
        name="address"
        type="email"
        label={t("mailboxes.form.address")}
        hint={t("mailboxes.form.addressHint")}
        autoComplete="off"
        required
        maxLength={254}
        error={fieldErrors?.address}
        data-testid="mailbox-address"
      />
      <TextField
        name="displayName"
        label={t("mailboxes.form.name")}
        hint={t("mailboxes.form.nameHint")}
        maxLength={200}
        error={fieldErrors?.displayName}
        data-testid="mailbox-name"
      />
      <ConfigurationSelect
        configurations={options.configurations}
        defaultValue={initialConfigurationId}
        error={fieldErrors?.clientConfigurationId}
        testId="mailbox-configuration"
        onChange={setConfigurationId}
      />
      <SendingFields
        configuration={options.configurations.find((c) => c.id === configurationId)}
        errors={fieldErrors}
      />
      <MemberChoices members={options.members} selected={[]} error={fieldErrors?.members} />
      <button
        type="submit"
        data-testid="mailbox-submit"
        disabled={pending}
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("mailboxes.form.submit")}
      </button>
      <ActionNotice
        testId="mailbox-form-result"
        notice={result && !result.ok ? { kind: "error", text: result.message } : null}
      />
    </form>
  );
}
