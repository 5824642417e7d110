"use server";

import { revalidatePath } from "next/cache";
import { operatorAction } from "@/lib/actions/define-action";
import { inviteSchoolAdmin, inviteSchoolAdminInput } from "./invite-school-admin";
import { setTenantSuspension, tenantSuspensionInput } from "./set-tenant-suspension";

export const suspendTenantAction = operatorAction(tenantSuspensionInput, async (operator, input) => {
  const result = await setTenantSuspension(operator, input.id, true);
  revalidatePath("/operator");
  return result;
});

export const unsuspendTenantAction = operatorAction(tenantSuspensionInput, async (operator, input) => {
  const result = await setTenantSuspension(operator, input.id, false);
  revalidatePath("/operator");
  return result;
});

export const inviteSchoolAdminAction = operatorAction(inviteSchoolAdminInput, async (operator, input) => {
  const result = await inviteSchoolAdmin(operator, input);
  revalidatePath("/operator");
  return result;
});
