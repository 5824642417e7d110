"use client";

import { useId, useState } from "react";
import { useT } from "@/components/i18n-provider";
import { TextField } from "@/components/ui/text-field";
import type { ProviderKind } from "@/lib/oauth/presets";
import { transportsFor, type MailTransport } from "@/lib/transports/mail-transports";
import { transportProblem } from "@/lib/transports/transport-problem";

export interface SendingConfiguration {
  provider: ProviderKind;
  transport: MailTransport;
  apiBaseUrl: string | null;
}

/**
 * "Send through" (its configuration's transport, or another its provider
 * offers) and "Sent as by a delegate", as the `transport` and
 * `delegateAccount` fields of the mailbox forms.
 */
export function SendingFields({
  configuration,
  transport: initialTransport = null,
  delegateAccount = "",
  delegateWarning,
  errors,
}: {
  /** The configuration chosen in the form; none yet: only "same as its configuration". */
  configuration: SendingConfiguration | undefined;
  /** The mailbox's own transport; null: its configuration's. */
  transport?: MailTransport | null;
  delegateAccount?: string;
  /** Already translated: what changing the delegate does to an existing mailbox. */
  delegateWarning?: string;
  /** Already translated, by field. */
  errors?: Record<string, string>;
}) {
  const t = useT();
  const id = useId();
  const [choice, setChoice] = useState<string>(initialTransport ?? "");
  // The stored choice changed under the form (saved, or switched from the page): show it.
  const [stored, setStored] = useState(initialTransport);
  if (stored !== initialTransport) {
    setStored(initialTransport);
    setChoice(initialTransport ?? "");
  }
  const others = configuration
    ? transportsFor(configuration.provider).filter(
        (transport) => transport !== configuration.transport && !transportProblem(configuration, transport),
      )
    : [];
  // A choice the configuration now chosen cannot make falls back to the configuration's own.
  const value = others.includes(choice as MailTransport) ? choice : "";
  const error = errors?.transport;
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <>
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {t("mailboxes.form.transport")}
        </label>
        <select
          id={id}
          name="transport"
          value={value}
          onChange={(event) => setChoice(event.target.value)}
          data-testid="mailbox-transport"
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className="mt-1 block w-full max-w-md rounded border border-slate-300 bg-white px-3 py-2 text-sm sm:text-base aria-[invalid=true]:border-red-600"
        >
          <option value="">
            {configuration
              ? t("mailboxes.form.transportSame", {
                  transport: t(`clients.transportsShort.${configuration.transport}`),
                })
              : t("mailboxes.form.transportSame", { transport: "…" })}
          </option>
          {others.map((transport) => (
            <option key={transport} value={transport}>
              {t(`clients.transports.${transport}`)}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {value
            ? t(`clients.transportDescriptions.${value as MailTransport}`)
            : t("mailboxes.form.transportHint")}
        </p>
        {error && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <TextField
        name="delegateAccount"
        type="email"
        label={t("mailboxes.form.delegate")}
        hint={
          delegateWarning
            ? `${t("mailboxes.form.delegateHint")} ${delegateWarning}`
            : t("mailboxes.form.delegateHint")
        }
        defaultValue={delegateAccount}
        autoComplete="off"
        spellCheck={false}
        maxLength={254}
        error={errors?.delegateAccount}
        data-testid="mailbox-delegate"
      />
    </>
  );
}
