"use client";

import { signOut } from "next-auth/react";
import { useT } from "@/components/i18n-provider";

/** Signs out, then comes back to `returnTo` through the sign-in page. */
export function SwitchAccountButton({ returnTo }: { returnTo: string }) {
  const t = useT();
  return (
    <button
      type="button"
      data-testid="switch-account"
      className="rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100"
      onClick={() => signOut({ callbackUrl: `/signin?callbackUrl=${encodeURIComponent(returnTo)}` })}
    >
      {t("members.accept.signOutAndSwitch")}
    </button>
  );
}
