"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/text-field";
import { updateMailboxAction } from "@/lib/mailboxes/mailbox-actions";
import type { MailTransport } from "@/lib/transports/mail-transports";
import { ConfigurationSelect } from "./configuration-select";
import { SendingFields, type SendingConfiguration } from "./sending-fields";

/**
 * Display name, configuration, transport and delegate; moving to another
 * configuration or changing the delegate erases the connection, and says so.
 */
export function MailboxSettingsForm({
  tenant,
  mailbox,
  configurations,
}: {
  tenant: string;
  mailbox: {
    id: string;
    displayName: string;
    clientConfigurationId: string;
    transport: MailTransport | null;
    delegateAccount: string | null;
  };
  configurations: ({ id: string; name: string } & SendingConfiguration)[];
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(updateMailboxAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const [configurationId, setConfigurationId] = useState(mailbox.clientConfigurationId);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="mailbox-settings">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={mailbox.id} />
      <TextField
        name="displayName"
        label={t("mailboxes.form.name")}
        defaultValue={mailbox.displayName}
        maxLength={200}
        error={fieldErrors?.displayName}
        data-testid="mailbox-name"
      />
      <ConfigurationSelect
        configurations={configurations}
        defaultValue={mailbox.clientConfigurationId}
        hint={t("mailboxes.edit.moveWarning")}
        error={fieldErrors?.clientConfigurationId}
        testId="mailbox-configuration"
        onChange={setConfigurationId}
      />
      <SendingFields
        configuration={configurations.find((c) => c.id === configurationId)}
        transport={mailbox.transport}
        delegateAccount={mailbox.delegateAccount ?? ""}
        delegateWarning={t("mailboxes.edit.delegateWarning")}
        errors={fieldErrors}
      />
      <button
        type="submit"
        disabled={pending}
        data-testid="mailbox-settings-submit"
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("mailboxes.edit.submit")}
      </button>
      <ActionNotice
        testId="mailbox-settings-result"
        notice={
          !result
            ? null
            : result.ok
              ? {
                  kind: "success",
                  text:
                    result.data.disconnected && result.data.moved
                      ? t("mailboxes.edit.savedDisconnected")
                      : result.data.disconnected && result.data.delegateChanged
                        ? t("mailboxes.edit.savedDelegateChanged")
                        : result.data.mustReconsent
                          ? t("mailboxes.edit.savedReconsent", {
                              transport: t(`clients.transports.${result.data.transport}`),
                            })
                          : t("mailboxes.edit.saved"),
                }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
