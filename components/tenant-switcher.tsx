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
    // Shrinks to what the header row leaves it on a phone; the school's name is then cut short.
    <label className="flex min-w-0 flex-1 items-center gap-2 text-sm lg:flex-none">
      <span className="sr-only">{t("common.tenantSwitcher")}</span>
      <select
        data-testid="tenant-switcher"
        className="min-h-11 w-full min-w-0 truncate rounded border border-slate-300 bg-white px-2 py-1 font-medium lg:min-h-0 lg:w-auto lg:max-w-sm"
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
