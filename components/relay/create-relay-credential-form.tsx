"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { fieldClass } from "@/components/ui/classes";
import { createRelayCredentialAction } from "@/lib/relay-credentials/relay-credential-actions";
import type { RelayConnectionInfo } from "@/lib/relay/relay-connection-info";
import { relayFromPolicies } from "@/lib/relay-credentials/relay-from-policies";
import { RelayConnectionSheet } from "./relay-connection-sheet";

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-700">
      {text}
    </p>
  );
}

/**
 * Creates a credential for a device, then shows its user name and password
 * once, with the connection sheet to print for whoever sets the device up.
 */
export function CreateRelayCredentialForm({
  tenant,
  mailboxes,
  info,
}: {
  tenant: string;
  mailboxes: { id: string; address: string }[];
  info: RelayConnectionInfo;
}) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(createRelayCredentialAction, (outcome, form) => {
    if (outcome.ok) {
      form.reset();
      router.refresh();
    }
  });
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const describedBy = (field: string, hint?: string) =>
    [errors[field] ? `${id}-${field}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 print:hidden"
        data-testid="relay-create-form"
      >
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("relay.create.legend")}</legend>
          <input type="hidden" name="tenant" value={tenant} />
          <div>
            <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
              {t("relay.create.name")}
            </label>
            <input
              id={`${id}-name`}
              name="name"
              type="text"
              maxLength={100}
              placeholder={t("relay.create.namePlaceholder")}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={describedBy("name")}
              className={fieldClass}
              data-testid="relay-name"
            />
            <FieldError id={`${id}-name-error`} text={errors.name} />
          </div>

          <fieldset className="text-sm" aria-describedby={describedBy("mailboxIds")}>
            <legend className="font-medium text-slate-800">{t("relay.create.mailboxes")}</legend>
            {mailboxes.length === 0 ? (
              <p className="mt-1 text-slate-600">{t("relay.create.noMailboxes")}</p>
            ) : (
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {mailboxes.map((m) => (
                  <label key={m.id} className="inline-flex min-w-0 items-baseline gap-1 break-all">
                    <input
                      type="checkbox"
                      name="mailboxIds"
                      value={m.id}
                      data-testid={`relay-mailbox-${m.address}`}
                    />
                    {m.address}
                  </label>
                ))}
              </div>
            )}
            <FieldError id={`${id}-mailboxIds-error`} text={errors.mailboxIds} />
          </fieldset>

          <fieldset className="text-sm" aria-describedby={describedBy("fromPolicy")}>
            <legend className="font-medium text-slate-800">{t("relay.create.fromPolicy")}</legend>
            <div className="mt-1 space-y-2">
              {relayFromPolicies.map((policy) => (
                <label key={policy} className="flex items-start gap-2">
                  <input
                    type="radio"
                    name="fromPolicy"
                    value={policy}
                    defaultChecked={policy === "as_sent"}
                    className="mt-1"
                    aria-describedby={`${id}-${policy}-hint`}
                    data-testid={`relay-policy-${policy}`}
                  />
                  <span>
                    <span className="font-medium">{t(`relay.policies.${policy}.label`)}</span>
                    <span id={`${id}-${policy}-hint`} className="block text-slate-600">
                      {t(`relay.policies.${policy}.hint`)}
                    </span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError id={`${id}-fromPolicy-error`} text={errors.fromPolicy} />
          </fieldset>

          <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
            <div>
              <label htmlFor={`${id}-networks`} className="block text-sm font-medium text-slate-800">
                {t("relay.create.networks")}
              </label>
              <textarea
                id={`${id}-networks`}
                name="allowedNetworks"
                rows={2}
                placeholder={t("relay.create.networksPlaceholder")}
                aria-invalid={errors.allowedNetworks ? true : undefined}
                aria-describedby={describedBy("allowedNetworks", `${id}-networks-hint`)}
                className={`${fieldClass} font-mono`}
                data-testid="relay-networks"
              />
              <p id={`${id}-networks-hint`} className="mt-1 text-xs text-slate-600">
                {t("relay.create.networksHint")}
              </p>
              <FieldError id={`${id}-allowedNetworks-error`} text={errors.allowedNetworks} />
            </div>
            <div>
              <label htmlFor={`${id}-cap`} className="block text-sm font-medium text-slate-800">
                {t("relay.create.dailyCap")}
              </label>
              <input
                id={`${id}-cap`}
                name="dailyCap"
                type="number"
                min={1}
                max={100000}
                step={1}
                inputMode="numeric"
                aria-invalid={errors.dailyCap ? true : undefined}
                aria-describedby={describedBy("dailyCap", `${id}-cap-hint`)}
                className={fieldClass}
                data-testid="relay-daily-cap"
              />
              <p id={`${id}-cap-hint`} className="mt-1 text-xs text-slate-600">
                {t("relay.create.dailyCapHint")}
              </p>
              <FieldError id={`${id}-dailyCap-error`} text={errors.dailyCap} />
            </div>
          </div>

          <button
            type="submit"
            disabled={pending}
            data-testid="relay-create"
            className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {t("relay.create.submit")}
          </button>
        </fieldset>
        <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      </form>

      {result?.ok && (
        <section
          aria-labelledby={`${id}-created`}
          className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4 print:border-0 print:bg-white print:p-0"
          data-testid="relay-created"
        >
          <div role="status" className="space-y-2 text-green-900 print:hidden">
            <h2 id={`${id}-created`} className="text-lg font-semibold break-words">
              {t("relay.created.heading", { name: result.data.name })}
            </h2>
            <p className="font-medium">{t("relay.created.shownOnce")}</p>
          </div>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] print:hidden">
            <dt className="font-medium">{t("relay.created.username")}</dt>
            <dd>
              <code className="block font-mono break-all select-all" data-testid="relay-username">
                {result.data.username}
              </code>
            </dd>
            <dt className="font-medium">{t("relay.created.password")}</dt>
            <dd>
              <code className="block font-mono break-all select-all" data-testid="relay-password">
                {result.data.password}
              </code>
            </dd>
          </dl>
          <RelayConnectionSheet credential={result.data} info={info} />
        </section>
      )}
    </div>
  );
}
