"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useT } from "@/components/i18n-provider";
import { suspendTenantAction, unsuspendTenantAction } from "@/lib/operator/operator-actions";

/** Suspends a school after a confirmation, or reinstates it. */
export function TenantSuspensionButton({
  id,
  name,
  suspended,
}: {
  id: string;
  name: string;
  suspended: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function toggle() {
    if (!suspended && !window.confirm(t("dashboard.operator.suspendConfirm", { name }))) return;
    const form = new FormData();
    form.set("id", id);
    startTransition(async () => {
      const result = await (suspended ? unsuspendTenantAction : suspendTenantAction)(null, form);
      if (result.ok) router.refresh();
      else setError(result.message);
    });
  }
  return (
    <>
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        data-testid={`tenant-${suspended ? "unsuspend" : "suspend"}`}
        className="rounded border border-slate-400 px-2 py-0.5 text-xs font-medium hover:bg-slate-100 disabled:opacity-60"
      >
        {t(suspended ? "dashboard.operator.unsuspend" : "dashboard.operator.suspend")}
        <span className="sr-only"> {name}</span>
      </button>
      {error && (
        <span role="alert" className="ml-2 text-xs text-red-800">
          {error}
        </span>
      )}
    </>
  );
}
