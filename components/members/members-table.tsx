"use client";

import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import { stackedTable as stacked } from "@/components/ui/classes";
import type { TenantRole } from "@/lib/auth/roles";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { MemberActions } from "./member-actions";

export interface MemberRowData {
  membershipId: string;
  email: string;
  name: string;
  role: TenantRole;
  /** Already formatted in the reader's language. */
  joined: string;
  isYou: boolean;
}

export function MembersTable({
  tenant,
  tenantName,
  members,
  canWrite,
}: {
  tenant: string;
  tenantName: string;
  members: MemberRowData[];
  canWrite: boolean;
}) {
  const t = useT();
  const [notice, setNotice] = useState<Notice | null>(null);
  // On a phone each member is a card: the address first, the rest under their column's name.
  const td = `px-3 py-2 ${stacked.cell}`;
  return (
    <div className="space-y-3">
      <ActionNotice notice={notice} testId="members-result" />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="members-table" className={`w-full text-left text-sm ${stacked.table}`}>
          <thead className={`border-b border-slate-200 bg-slate-50 text-slate-600 ${stacked.head}`}>
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.table.email")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.table.name")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.table.role")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("members.table.joined")}
              </th>
              {canWrite && (
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("common.actions")}
                </th>
              )}
            </tr>
          </thead>
          <tbody className={stacked.body}>
            {members.length === 0 && (
              <tr>
                <td colSpan={canWrite ? 5 : 4} className="px-3 py-4 text-slate-500">
                  {t("members.table.empty")}
                </td>
              </tr>
            )}
            {members.map((member) => (
              <tr
                key={member.membershipId}
                data-testid={`member-row-${member.email}`}
                className={`border-b border-slate-100 last:border-0 ${stacked.row}`}
              >
                <td className={`${td} max-sm:font-medium max-sm:break-all`}>
                  {member.email}
                  {member.isYou && (
                    <span className="ml-2 text-xs text-slate-500">({t("members.table.you")})</span>
                  )}
                </td>
                <td className={`${td} ${stacked.labelled}`} data-label={t("members.table.name")}>
                  {member.name}
                </td>
                <td
                  className={`${td} ${stacked.labelled}`}
                  data-label={t("members.table.role")}
                  data-testid="member-role"
                >
                  {t(`common.roles.${member.role}`)}
                </td>
                <td
                  className={`${td} ${stacked.labelled} whitespace-nowrap`}
                  data-label={t("members.table.joined")}
                >
                  {member.joined}
                </td>
                {canWrite && (
                  <td className={td}>
                    <MemberActions
                      tenant={tenant}
                      tenantName={tenantName}
                      member={member}
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
