"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import {
  deleteWebhookEndpointAction,
  redeliverWebhookAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEndpointEnabledAction,
} from "@/lib/webhooks/webhook-actions";
import { SecretOnce } from "./secret-once";

const primary =
  "rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60";
const secondary =
  "rounded border border-brand-600 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:border-slate-300 disabled:text-slate-500 disabled:hover:bg-white";
const danger =
  "rounded border border-red-700 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60";
const cancel = "rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100";

/** Pauses an enabled endpoint, or enables a paused one (which sends its waiting deliveries). */
export function WebhookEnabledButton({
  tenant,
  id,
  enabled,
}: {
  tenant: string;
  id: string;
  enabled: boolean;
}) {
  const t = useT();
  const router = useRouter();
  // What the last submit asked for, so that its notice does not depend on when the page refreshes.
  const [asked, setAsked] = useState<boolean | null>(null);
  const { result, pending, onSubmit } = useFormAction(setWebhookEndpointEnabledAction, (outcome, form) => {
    const field = form.elements.namedItem("enabled");
    setAsked(field instanceof HTMLInputElement ? field.value === "true" : null);
    if (outcome.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <button
        type="submit"
        disabled={pending}
        data-testid={enabled ? "webhook-pause" : "webhook-enable"}
        className={enabled ? secondary : primary}
      >
        {enabled ? t("webhooks.endpoint.pause") : t("webhooks.endpoint.enable")}
      </button>
      <ActionNotice
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t(asked ? "webhooks.endpoint.enabled" : "webhooks.endpoint.paused") }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}

/** Queues a `webhook.test` event for this endpoint; refused (and says why) while it is paused. */
export function SendTestWebhookButton({
  tenant,
  id,
  paused,
}: {
  tenant: string;
  id: string;
  paused: boolean;
}) {
  const t = useT();
  const hintId = useId();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(sendTestWebhookAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending || paused}
        aria-describedby={paused ? hintId : undefined}
        data-testid="webhook-send-test"
        className={primary}
      >
        {t("webhooks.endpoint.testButton")}
      </button>
      {paused && (
        <p id={hintId} className="text-sm text-slate-700" data-testid="webhook-test-paused">
          {t("webhooks.endpoint.testPaused")}
        </p>
      )}
      <ActionNotice
        testId="webhook-test-result"
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("webhooks.endpoint.testQueued") }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}

/**
 * Rotates the signing secret after a confirmation, then shows the new one
 * once and until when the old one keeps signing: `overlapUntil` is the
 * page's own word for it (formatted), read again once the rotation is done,
 * since an old secret the keys could no longer read signs nothing.
 */
export function RotateWebhookSecretButton({
  tenant,
  id,
  overlapUntil,
}: {
  tenant: string;
  id: string;
  overlapUntil: string | null;
}) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { result, pending, onSubmit } = useFormAction(rotateWebhookSecretAction, (outcome) => {
    setConfirming(false);
    if (outcome.ok) router.refresh();
  });
  return (
    <div className="space-y-3">
      {confirming ? (
        <form onSubmit={onSubmit} className="space-y-3 rounded border border-amber-300 bg-amber-50 p-3">
          <input type="hidden" name="tenant" value={tenant} />
          <input type="hidden" name="id" value={id} />
          <p className="text-sm text-amber-950">{t("webhooks.endpoint.rotateConfirm")}</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={pending}
              data-testid="webhook-rotate-confirm"
              className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {t("webhooks.endpoint.rotateConfirmButton")}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={cancel}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          data-testid="webhook-rotate"
          className={secondary}
        >
          {t("webhooks.endpoint.rotate")}
        </button>
      )}
      <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      {result?.ok && (
        <div
          className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-3"
          data-testid="webhook-rotated"
        >
          <p role="status" className="font-medium text-green-900">
            {overlapUntil
              ? t("webhooks.endpoint.rotatedShownOnce", { date: overlapUntil })
              : t("webhooks.endpoint.rotatedReplaced")}
          </p>
          <SecretOnce
            label={t("webhooks.endpoint.rotated")}
            secret={result.data.secret}
            testId="webhook-new-secret"
          />
        </div>
      )}
    </div>
  );
}

/** Deletes the endpoint after a confirmation naming it, then goes back to the list. */
export function DeleteWebhookEndpointButton({
  tenant,
  id,
  url,
}: {
  tenant: string;
  id: string;
  url: string;
}) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { result, pending, onSubmit } = useFormAction(deleteWebhookEndpointAction, (outcome) => {
    if (outcome.ok) router.push(`/t/${tenant}/webhooks`);
    else setConfirming(false);
  });
  if (!confirming) {
    return (
      <div className="space-y-2">
        <button
          type="button"
          onClick={() => setConfirming(true)}
          data-testid="webhook-delete"
          className={danger}
        >
          {t("webhooks.endpoint.delete")}
        </button>
        <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded border border-red-200 bg-red-50 p-3">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={id} />
      <p className="text-sm wrap-anywhere text-red-900">{t("webhooks.endpoint.deleteConfirm", { url })}</p>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={pending}
          data-testid="webhook-delete-confirm"
          className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {t("webhooks.endpoint.deleteConfirmButton")}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className={cancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Sends a delivery's event to the endpoint again, as a new delivery with the same webhook-id. */
export function RedeliverWebhookButton({
  tenant,
  id,
  deliveryId,
  label,
}: {
  tenant: string;
  id: string;
  deliveryId: string;
  /** Names the event and its date for screen readers, in a table of identical buttons. */
  label: string;
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(redeliverWebhookAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="space-y-1">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={label}
        data-testid="webhook-redeliver"
        className="rounded border border-brand-600 bg-white px-2 py-0.5 text-xs font-medium whitespace-nowrap text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {t("webhooks.deliveries.redeliver")}
      </button>
      <ActionNotice
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("webhooks.deliveries.redelivered") }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
