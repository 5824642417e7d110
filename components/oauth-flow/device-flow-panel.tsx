"use client";

import { useQuery } from "@tanstack/react-query";
import { useT } from "@/components/i18n-provider";
import type { DeviceStatusBody } from "@/lib/oauth-flow/device-status-body";
import { DeviceStartForm, type DeviceStartFields } from "./device-start-form";

const POLL_MS = 2500;

const STATUS_TONES: Record<DeviceStatusBody["status"], string> = {
  pending: "border-slate-200 bg-slate-50 text-slate-800",
  approved: "border-green-200 bg-green-50 text-green-900",
  denied: "border-amber-200 bg-amber-50 text-amber-900",
  expired: "border-amber-200 bg-amber-50 text-amber-900",
  failed: "border-red-200 bg-red-50 text-red-900",
};

async function fetchStatus(url: string): Promise<DeviceStatusBody> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as DeviceStatusBody;
}

/**
 * The code, where to enter it, its QR code, and the grant's status, which the
 * server polls the provider for (at most once per interval) each time this asks.
 */
export function DeviceFlowPanel({
  pollUrl,
  initial,
  qrDataUrl,
  expiresAt,
  startFields,
  browserFlowHref,
  backHref,
}: {
  pollUrl: string;
  initial: DeviceStatusBody;
  qrDataUrl: string;
  /** Already formatted for display. */
  expiresAt: string;
  startFields: DeviceStartFields;
  browserFlowHref: string;
  /** Where to go once the mailbox is connected; none for a connect link's holder. */
  backHref?: string;
}) {
  const t = useT();
  const { data, isError } = useQuery({
    queryKey: ["device-authorization", pollUrl],
    queryFn: () => fetchStatus(pollUrl),
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? POLL_MS : false),
    refetchIntervalInBackground: true,
    retry: false,
  });
  const status = data ?? initial;
  const pending = status.status === "pending";
  return (
    <div className="space-y-4">
      {pending && (
        <div className="flex flex-wrap items-start gap-6">
          <dl className="space-y-3">
            <div>
              <dt className="text-sm text-slate-600">{t("connect.device.userCode")}</dt>
              <dd data-testid="device-user-code" className="font-mono text-3xl font-semibold tracking-widest">
                {status.userCode}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("connect.device.verificationUri")}</dt>
              <dd>
                <a
                  data-testid="device-verification-uri"
                  href={status.verificationUri}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="break-all font-medium text-brand-700 underline"
                >
                  {status.verificationUri}
                </a>
              </dd>
            </div>
            <p className="text-sm text-slate-600">{t("connect.device.expires", { time: expiresAt })}</p>
          </dl>
          {/* A data: URL drawn on the server; next/image has nothing to optimise here. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            data-testid="device-qr"
            src={qrDataUrl}
            alt={t("connect.device.qrAlt")}
            width={176}
            height={176}
          />
        </div>
      )}
      <div
        role="status"
        aria-live="polite"
        data-testid="device-status"
        data-status={status.status}
        data-outcome={status.outcome ?? ""}
        className={`space-y-1 rounded border px-4 py-3 text-sm ${STATUS_TONES[status.status]}`}
      >
        {status.title && <p className="font-semibold">{status.title}</p>}
        <p>{status.message}</p>
        {pending && (
          <p className="text-slate-600">
            {isError ? t("connect.device.status.unreachable") : t("connect.device.checking")}
          </p>
        )}
      </div>
      {!pending && status.status !== "approved" && (
        <DeviceStartForm fields={startFields} label={t("connect.device.newCode")} />
      )}
      {status.status === "approved" ? (
        backHref ? (
          <a href={backHref} data-testid="device-back" className="text-sm text-brand-700 underline">
            {t("connect.result.back")}
          </a>
        ) : (
          <p className="text-sm text-slate-600">{t("connect.result.closeWindow")}</p>
        )
      ) : (
        <p className="text-sm">
          <a href={browserFlowHref} data-testid="device-browser-flow" className="text-brand-700 underline">
            {t("connect.device.browserFlow")}
          </a>
        </p>
      )}
    </div>
  );
}
