import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { landingTenantSlug } from "@/lib/tenants/landing-tenant";
import { rememberTenantVisit } from "@/lib/tenants/remember-tenant-visit";
import { seedMember, seedTenant, seedUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

/** A person in three schools, named so that the first by name is "Aubrac". */
async function personInThreeSchools() {
  const aubrac = await seedTenant({ name: "Aubrac" });
  const brocéliande = await seedTenant({ name: "Brocéliande" });
  const camargue = await seedTenant({ name: "Camargue" });
  const person = await seedMember(aubrac.id, "member");
  const db = await getDb();
  for (const tenant of [brocéliande, camargue]) {
    await db.membership.create({ data: { tenantId: tenant.id, userId: person.id, role: "member" } });
  }
  return { aubrac, brocéliande, camargue, person, db };
}

describe("the school a person lands in", () => {
  it("is the first by name until a school is visited, then the one visited last", async () => {
    const { aubrac, brocéliande, camargue, person, db } = await personInThreeSchools();
    await expect(landingTenantSlug(person.id)).resolves.toBe(aubrac.slug);

    await rememberTenantVisit(person.id, camargue.id);
    await expect(landingTenantSlug(person.id)).resolves.toBe(camargue.slug);

    // Visits a minute apart: the later one wins.
    await db.membership.updateMany({
      where: { userId: person.id, tenantId: camargue.id },
      data: { lastVisitedAt: new Date(Date.now() - 120_000) },
    });
    await rememberTenantVisit(person.id, brocéliande.id);
    await expect(landingTenantSlug(person.id)).resolves.toBe(brocéliande.slug);
  });

  it("skips a suspended school and answers null for someone in none", async () => {
    const { camargue, aubrac, person, db } = await personInThreeSchools();
    await rememberTenantVisit(person.id, camargue.id);
    await db.tenant.update({ where: { id: camargue.id }, data: { suspendedAt: new Date() } });
    await expect(landingTenantSlug(person.id)).resolves.toBe(aubrac.slug);

    const stranger = await seedUser();
    await expect(landingTenantSlug(stranger.id)).resolves.toBeNull();
  });

  it("writes a visit at most once a minute, and nothing for a school the person is not in", async () => {
    const { aubrac, person, db } = await personInThreeSchools();
    await rememberTenantVisit(person.id, aubrac.id);
    const first = await db.membership.findFirstOrThrow({ where: { userId: person.id, tenantId: aubrac.id } });
    expect(first.lastVisitedAt).toBeInstanceOf(Date);
    await rememberTenantVisit(person.id, aubrac.id);
    const second = await db.membership.findFirstOrThrow({
      where: { userId: person.id, tenantId: aubrac.id },
    });
    expect(second.lastVisitedAt).toEqual(first.lastVisitedAt);

    const foreign = await seedTenant({ name: "Elsewhere" });
    await rememberTenantVisit(person.id, foreign.id);
    await expect(db.membership.count({ where: { tenantId: foreign.id } })).resolves.toBe(0);
  });
});
