import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

describe("resolveTenantContext", () => {
  it("gives a member a context scoped to their tenant", async () => {
    const { tenant, member } = await seedTenantWithPeople();
    const ctx = await contextFor(member, tenant);
    expect(ctx.tenantId).toBe(tenant.id);
    expect(ctx.role).toBe("member");
  });

  it("answers not found for a tenant the person does not belong to", async () => {
    const a = await seedTenantWithPeople();
    const b = await seedTenantWithPeople();
    await expect(contextFor(a.admin, b.tenant)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a permission the role does not have", async () => {
    const { tenant, member } = await seedTenantWithPeople();
    const error = await contextFor(member, tenant, "members.write").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("forbidden");
  });
});
