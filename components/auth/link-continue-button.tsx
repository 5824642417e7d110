"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/components/i18n-provider";

/**
 * The link is used up by this click, not by opening the page: mail
 * scanners that prefetch links would otherwise spend it.
 */
export function LinkContinueButton({ token }: { token: string }) {
  const t = useT();
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-3">
      <button
        type="button"
        data-testid="link-continue"
        disabled={pending}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        onClick={async () => {
          setPending(true);
          const result = await signIn("email-link", { token, redirect: false });
          setPending(false);
          if (!result || result.error) {
            setFailed(true);
            return;
          }
          router.replace("/");
          router.refresh();
        }}
      >
        {t("auth.link.confirm")}
      </button>
      {failed && (
        <p role="alert" className="text-sm text-red-800">
          {t("auth.link.used")}{" "}
          <a href="/signin" data-testid="link-request-new" className="underline">
            {t("auth.link.requestNew")}
          </a>
        </p>
      )}
    </div>
  );
}
