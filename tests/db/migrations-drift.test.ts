import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "@/lib/db/schema-engine";

describe("prisma/migrations and prisma/schema.prisma", () => {
  it("describe the same database (run `npm run db:new-migration -- <name>` when this fails)", async () => {
    const missing = await diffMigrationsToSchema();
    expect(missing, `SQL the migrations lack:\n${missing}`).toBe("");
  }, 120_000);
});
