"use client";

import { useRouter } from "next/navigation";
import { useT } from "./i18n-provider";

export function TenantSwitcher({
  current,
  tenants,
}: {
  current: string;
  tenants: { slug: string; name: string }[];
}) {
  const t = useT();
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{t("common.tenantSwitcher")}</span>
      <select
        data-testid="tenant-switcher"
        className="rounded border border-slate-300 bg-white px-2 py-1 font-medium"
        value={current}
        onChange={(event) => router.push(`/t/${encodeURIComponent(event.target.value)}`)}
      >
        {tenants.map((tenant) => (
          <option key={tenant.slug} value={tenant.slug}>
            {tenant.name}
          </option>
        ))}
      </select>
    </label>
  );
}
