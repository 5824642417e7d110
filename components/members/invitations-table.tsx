"use client";

import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TenantRole } from "@/lib/auth/roles";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/members/member-actions";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";

export interface InvitationRowData {
  invitationId: string;
  email: string;
  role: TenantRole;
  /** Already formatted in the reader's language. */
  expires: string;
  expired: boolean;
  invitedBy: string;
}

const buttonClass =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";

function InvitationActions({
  tenant,
  invitationId,
  onNotice,
}: {
  tenant: string;
  invitationId: string;
  onNotice: (notice: Notice) => void;
}) {
  const t = useT();
  const report =
    (successKey: "members.invitations.resent" | "members.invitations.revoked") =>
    (result: ActionResult<{ email: string }>) =>
      onNotice(
        result.ok
          ? { kind: "success", text: t(successKey, { email: result.data.email }) }
          : { kind: "error", text: result.message },
      );
  const resend = useFormAction(resendInvitationAction, report("members.invitations.resent"));
  const revoke = useFormAction(revokeInvitationAction, report("members.invitations.revoked"));
  const hidden = (
    <>
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="invitationId" value={invitationId} />
    </>
  );
  return (
    <div className="flex flex-wrap gap-2">
      <form onSubmit={resend.onSubmit}>
        {hidden}
        <button
          type="submit"
          data-testid="invitation-resend"
          disabled={resend.pending}
          className={buttonClass}
        >
          {t("members.invitations.resend")}
        </button>
      </form>
      <form onSubmit={revoke.onSubmit}>
        {hidden}
        <button
          type="submit"
          data-testid="invitation-revoke"
          disabled={revoke.pending}
          className={buttonClass}
        >
          {t("members.invitations.revoke")}
        </button>
      </form>
    </div>
  );
}

export function InvitationsTable({
  tenant,
  invitations,
  canWrite,
}: {
  tenant: string;
  invitations: InvitationRowData[];
  canWrite: boolean;
}) {
  const t = useT();
  const [notice, setNotice] = useState<Notice | null>(null);
  const columns = canWrite ? 5 : 4;
  return (
    <div className="space-y-3">
      <ActionNotice notice={notice} testId="invitations-result" />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="invitations-table" className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.invitations.email")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.invitations.role")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.invitations.expires")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.invitations.invitedBy")}
              </th>
              {canWrite && (
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("common.actions")}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {invitations.length === 0 && (
              <tr>
                <td colSpan={columns} className="px-3 py-4 text-slate-500">
                  {t("members.invitations.empty")}
                </td>
              </tr>
            )}
            {invitations.map((invitation) => (
              <tr
                key={invitation.invitationId}
                data-testid={`invitation-row-${invitation.email}`}
                className="border-b border-slate-100 last:border-0"
              >
                <td className="px-3 py-2">{invitation.email}</td>
                <td className="px-3 py-2">{t(`common.roles.${invitation.role}`)}</td>
                <td className={`px-3 py-2 whitespace-nowrap ${invitation.expired ? "text-red-700" : ""}`}>
                  {invitation.expired
                    ? t("members.invitations.expired", { date: invitation.expires })
                    : invitation.expires}
                </td>
                <td className="px-3 py-2">{invitation.invitedBy}</td>
                {canWrite && (
                  <td className="px-3 py-2">
                    <InvitationActions
                      tenant={tenant}
                      invitationId={invitation.invitationId}
                      onNotice={setNotice}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
