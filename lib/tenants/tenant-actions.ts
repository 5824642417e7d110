"use server";

import { revalidatePath } from "next/cache";
import { operatorAction } from "@/lib/actions/define-action";
import { createTenant, createTenantSchema } from "./create-tenant";

/** The operator page's "create a school" form. */
export const createTenantAction = operatorAction(createTenantSchema, async (operator, input) => {
  const tenant = await createTenant(operator, input);
  revalidatePath("/operator");
  return { slug: tenant.slug, name: tenant.name };
});
