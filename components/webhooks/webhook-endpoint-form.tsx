"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { fieldClass } from "@/components/ui/classes";
import { createWebhookEndpointAction, updateWebhookEndpointAction } from "@/lib/webhooks/webhook-actions";
import { webhookEventTypes } from "@/lib/webhooks/event-types";
import { SecretOnce } from "./secret-once";
import { eventHint, eventLabel } from "./webhook-words";

const submitClass =
  "rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";

function FieldError({ id, field, text }: { id: string; field: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700" data-testid={`webhook-error-${field}`}>
      {text}
    </p>
  );
}

/** The field errors of a refused form; an unknown event's error (`eventTypes.2`) belongs to the list. */
function fieldErrorsOf(fieldErrors: Record<string, string> | undefined) {
  const errors = fieldErrors ?? {};
  const events =
    errors.eventTypes ?? Object.entries(errors).find(([key]) => key.startsWith("eventTypes."))?.[1];
  return { url: errors.url, description: errors.description, eventTypes: events };
}

/** Address, description and events: the fields of both the new-endpoint form and the settings form. */
function EndpointFields({
  prefix,
  errors,
  defaults,
}: {
  prefix: string;
  errors: ReturnType<typeof fieldErrorsOf>;
  defaults?: { url: string; description: string; eventTypes: string[] };
}) {
  const t = useT();
  const describedBy = (field: "url" | "description" | "eventTypes", hint: string) =>
    [errors[field] ? `${prefix}-error-${field}` : null, hint].filter(Boolean).join(" ");
  return (
    <>
      <div>
        <label htmlFor={`${prefix}-url`} className="block text-sm font-medium text-slate-800">
          {t("webhooks.form.url")}
        </label>
        <input
          id={`${prefix}-url`}
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={2000}
          defaultValue={defaults?.url}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={describedBy("url", `${prefix}-url-hint`)}
          className={`${fieldClass} font-mono text-sm aria-[invalid=true]:border-red-600`}
          data-testid="webhook-url"
        />
        <p id={`${prefix}-url-hint`} className="mt-1 text-xs break-words text-slate-600">
          {t("webhooks.form.urlHint")}
        </p>
        <FieldError id={`${prefix}-error-url`} field="url" text={errors.url} />
      </div>
      <div>
        <label htmlFor={`${prefix}-description`} className="block text-sm font-medium text-slate-800">
          {t("webhooks.form.description")}
        </label>
        <input
          id={`${prefix}-description`}
          name="description"
          type="text"
          maxLength={200}
          defaultValue={defaults?.description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy("description", `${prefix}-description-hint`)}
          className={`${fieldClass} aria-[invalid=true]:border-red-600`}
          data-testid="webhook-description"
        />
        <p id={`${prefix}-description-hint`} className="mt-1 text-xs text-slate-600">
          {t("webhooks.form.descriptionHint")}
        </p>
        <FieldError id={`${prefix}-error-description`} field="description" text={errors.description} />
      </div>
      <fieldset className="text-sm" aria-describedby={describedBy("eventTypes", `${prefix}-events-hint`)}>
        <legend className="font-medium text-slate-800">{t("webhooks.form.events")}</legend>
        <p id={`${prefix}-events-hint`} className="text-xs text-slate-600">
          {t("webhooks.form.eventsHint")}
        </p>
        <div className="mt-2 grid gap-x-6 gap-y-2 md:grid-cols-2">
          {webhookEventTypes.map((type) => (
            <label key={type} className="flex min-w-0 items-start gap-2">
              <input
                type="checkbox"
                name="eventTypes"
                value={type}
                defaultChecked={defaults?.eventTypes.includes(type)}
                className="mt-1 shrink-0"
                aria-describedby={`${prefix}-event-${type}`}
                data-testid={`webhook-event-${type}`}
              />
              <span className="min-w-0">
                <span className="font-medium">{eventLabel(t, type)}</span>{" "}
                <code className="font-mono text-xs text-slate-500">{type}</code>
                <span id={`${prefix}-event-${type}`} className="block text-slate-600">
                  {eventHint(t, type)}
                </span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={`${prefix}-error-eventTypes`} field="eventTypes" text={errors.eventTypes} />
      </fieldset>
    </>
  );
}

/**
 * Adds an endpoint, then shows its signing secret once, with the way to the
 * endpoint's page where the next step is a test event.
 */
export function CreateWebhookEndpointForm({ tenant }: { tenant: string }) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(createWebhookEndpointAction, (outcome, form) => {
    if (outcome.ok) {
      form.reset();
      router.refresh();
    }
  });
  const errors = fieldErrorsOf(result && !result.ok ? result.fieldErrors : undefined);
  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        noValidate
        className="rounded-lg border border-slate-200 bg-white p-4"
        data-testid="webhook-create-form"
      >
        <fieldset className="min-w-0 space-y-4">
          <legend className="text-lg font-semibold">{t("webhooks.create.legend")}</legend>
          <input type="hidden" name="tenant" value={tenant} />
          <EndpointFields prefix={id} errors={errors} />
          <button type="submit" disabled={pending} data-testid="webhook-create" className={submitClass}>
            {t("webhooks.create.submit")}
          </button>
        </fieldset>
        <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      </form>

      {result?.ok && (
        <section
          aria-labelledby={`${id}-created`}
          className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4"
          data-testid="webhook-created"
        >
          <div role="status" className="space-y-2 text-green-900">
            <h2 id={`${id}-created`} className="text-lg font-semibold">
              {t("webhooks.created.heading")}
            </h2>
            <p className="font-medium">{t("webhooks.created.shownOnce")}</p>
          </div>
          <SecretOnce
            label={t("webhooks.created.secretLabel")}
            secret={result.data.secret}
            testId="webhook-secret"
          />
          <p className="text-sm text-slate-800">{t("webhooks.created.next")}</p>
          <Link
            href={`/t/${tenant}/webhooks/${result.data.id}`}
            className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            data-testid="webhook-created-open"
          >
            {t("webhooks.created.open")}
          </Link>
        </section>
      )}
    </div>
  );
}

/** The settings of an existing endpoint; its secret and state have their own controls. */
export function EditWebhookEndpointForm({
  tenant,
  endpoint,
}: {
  tenant: string;
  endpoint: { id: string; url: string; description: string; eventTypes: string[] };
}) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(updateWebhookEndpointAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  const errors = fieldErrorsOf(result && !result.ok ? result.fieldErrors : undefined);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="webhook-settings-form">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={endpoint.id} />
      <EndpointFields prefix={id} errors={errors} defaults={endpoint} />
      <button type="submit" disabled={pending} data-testid="webhook-save" className={submitClass}>
        {t("webhooks.endpoint.save")}
      </button>
      <ActionNotice
        testId="webhook-settings-result"
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("webhooks.endpoint.saved") }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
