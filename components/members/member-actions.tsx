"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import { changeMemberRoleAction, eraseMemberAction, removeMemberAction } from "@/lib/members/member-actions";
import type { Notice } from "@/components/ui/action-notice";
import type { MemberRowData } from "./members-table";
import { useFormAction } from "@/components/ui/use-form-action";

const buttonClass =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";

/**
 * Role change, removal and erasure of personal data (each of the last two
 * after a confirmation) of one member, and the download of their data.
 */
export function MemberActions({
  tenant,
  tenantName,
  member,
  onNotice,
}: {
  tenant: string;
  tenantName: string;
  member: MemberRowData;
  onNotice: (notice: Notice) => void;
}) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState<"remove" | "erase" | null>(null);
  const nextRole = member.role === "admin" ? "member" : "admin";

  const roleChange = useFormAction(changeMemberRoleAction, (result) =>
    onNotice(
      result.ok
        ? {
            kind: "success",
            text: t("members.role.changed", {
              email: result.data.email,
              role: t(`common.roles.${result.data.role}`),
            }),
          }
        : { kind: "error", text: result.message },
    ),
  );
  const removal = useFormAction(removeMemberAction, (result) => {
    setConfirming(null);
    if (result.ok && result.data.removedSelf) {
      router.push("/");
      return;
    }
    onNotice(
      result.ok
        ? {
            kind: "success",
            text: t("members.remove.removed", { email: result.data.email, tenant: tenantName }),
          }
        : { kind: "error", text: result.message },
    );
  });

  const erasure = useFormAction(eraseMemberAction, (result) => {
    setConfirming(null);
    onNotice(
      result.ok
        ? {
            kind: "success",
            text: t("members.personalData.erased", {
              email: result.data.email,
              tenant: tenantName,
              label: result.data.label,
            }),
          }
        : { kind: "error", text: result.message },
    );
  });

  const hidden = (
    <>
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="membershipId" value={member.membershipId} />
    </>
  );

  if (confirming === "erase") {
    return (
      <form onSubmit={erasure.onSubmit} className="flex max-w-md flex-wrap items-center gap-2">
        {hidden}
        <span>{t("members.personalData.eraseConfirm", { email: member.email, tenant: tenantName })}</span>
        <button
          type="submit"
          data-testid="erase-confirm"
          disabled={erasure.pending}
          className="rounded bg-red-700 px-2 py-1 text-sm text-white hover:bg-red-800 disabled:opacity-60"
        >
          {t("members.personalData.eraseConfirmButton")}
        </button>
        <button type="button" className={buttonClass} onClick={() => setConfirming(null)}>
          {t("common.cancel")}
        </button>
      </form>
    );
  }

  if (confirming === "remove") {
    return (
      <form onSubmit={removal.onSubmit} className="flex flex-wrap items-center gap-2">
        {hidden}
        <span>{t("members.remove.confirm", { email: member.email, tenant: tenantName })}</span>
        <button
          type="submit"
          data-testid="remove-confirm"
          disabled={removal.pending}
          className="rounded bg-red-700 px-2 py-1 text-sm text-white hover:bg-red-800 disabled:opacity-60"
        >
          {t("members.remove.confirmButton")}
        </button>
        <button type="button" className={buttonClass} onClick={() => setConfirming(null)}>
          {t("common.cancel")}
        </button>
      </form>
    );
  }

  return (
    <div className="flex flex-wrap gap-2">
      <form onSubmit={roleChange.onSubmit}>
        {hidden}
        <input type="hidden" name="role" value={nextRole} />
        <button type="submit" data-testid="role-change" disabled={roleChange.pending} className={buttonClass}>
          {t(nextRole === "admin" ? "members.role.makeAdmin" : "members.role.makeMember")}
        </button>
      </form>
      <button
        type="button"
        data-testid="remove"
        className={buttonClass}
        onClick={() => setConfirming("remove")}
      >
        {t("members.remove.button")}
      </button>
      <a
        href={`/t/${tenant}/members/${member.membershipId}/export`}
        download
        data-testid="member-export"
        aria-label={t("members.personalData.exportLabel", { email: member.email, tenant: tenantName })}
        className={buttonClass}
      >
        {t("members.personalData.export")}
      </a>
      {!member.isYou && (
        <button
          type="button"
          data-testid="member-erase"
          className={buttonClass}
          onClick={() => setConfirming("erase")}
        >
          {t("members.personalData.erase")}
        </button>
      )}
    </div>
  );
}
