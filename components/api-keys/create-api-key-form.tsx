"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { createApiKeyAction } from "@/lib/api-keys/api-key-actions";
import { fieldClass } from "@/components/ui/classes";

/** Creates a key for chosen mailboxes (and, if ticked, the school's webhook endpoints) and shows it once. */
export function CreateApiKeyForm({
  tenant,
  mailboxes,
}: {
  tenant: string;
  mailboxes: { id: string; address: string }[];
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(createApiKeyAction, (outcome, form) => {
    if (outcome.ok) {
      form.reset();
      router.refresh();
    }
  });
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t("outbox.apiKeys.create.legend")}</legend>
        <input type="hidden" name="tenant" value={tenant} />
        <label className="block text-sm">
          {t("outbox.apiKeys.create.name")}
          <input name="name" type="text" maxLength={100} className={fieldClass} data-testid="api-key-name" />
          {errors.name && (
            <span role="alert" className="text-sm text-red-700">
              {errors.name}
            </span>
          )}
        </label>
        <fieldset className="text-sm">
          <legend>{t("outbox.apiKeys.create.mailboxes")}</legend>
          {mailboxes.map((m) => (
            <label key={m.id} className="mr-4 inline-flex min-w-0 items-baseline gap-1 wrap-anywhere">
              <input
                type="checkbox"
                name="mailboxIds"
                value={m.id}
                data-testid={`api-key-mailbox-${m.address}`}
              />
              {m.address}
            </label>
          ))}
          {errors.mailboxIds && (
            <p role="alert" className="text-sm text-red-700">
              {errors.mailboxIds}
            </p>
          )}
        </fieldset>
        <div className="text-sm">
          <label className="inline-flex items-baseline gap-1">
            <input
              type="checkbox"
              name="manageWebhooks"
              value="true"
              aria-describedby="api-key-manage-webhooks-hint"
              data-testid="api-key-manage-webhooks"
            />
            {t("outbox.apiKeys.create.manageWebhooks")}
          </label>
          <p id="api-key-manage-webhooks-hint" className="text-slate-600">
            {t("outbox.apiKeys.create.manageWebhooksHint")}
          </p>
        </div>
        <button
          type="submit"
          disabled={pending}
          data-testid="api-key-create"
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t("outbox.apiKeys.create.submit")}
        </button>
      </fieldset>
      <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      {result?.ok && (
        <div className="rounded bg-green-50 p-3 text-sm text-green-900" role="status">
          <p>{t("outbox.apiKeys.create.shownOnce")}</p>
          <code className="mt-1 block break-all font-mono" data-testid="api-key-secret">
            {result.data.key}
          </code>
        </div>
      )}
    </form>
  );
}
