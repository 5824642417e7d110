"use client";

import { signOut } from "next-auth/react";
import { useT } from "./i18n-provider";
import { clearComposeDrafts } from "./outbox/compose-draft";

export function SignOutButton() {
  const t = useT();
  return (
    <button
      type="button"
      className="min-h-11 rounded px-3 py-1 text-sm text-slate-700 hover:bg-slate-100 lg:min-h-0"
      onClick={() => {
        // What was being written stays with this person: the next one on this computer finds no draft.
        clearComposeDrafts({ signingOut: true });
        void signOut({ callbackUrl: "/signin?signedOut=1" });
      }}
    >
      {t("common.signOut")}
    </button>
  );
}
