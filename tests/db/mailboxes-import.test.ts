import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { importMailboxesCsv } from "@/lib/mailboxes/import-mailboxes-csv";
import { createTranslator } from "@/lib/i18n/translate";
import { contextFor, seedMember, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

async function school() {
  const people = await seedTenantWithPeople();
  const google = await seedClientConfiguration(people.tenant.id, { name: "Google staff" });
  const microsoft = await seedClientConfiguration(people.tenant.id, {
    name: "Microsoft élèves",
    provider: "microsoft",
  });
  const ctx = await contextFor(people.admin, people.tenant, "mailboxes.write");
  return { ...people, google, microsoft, ctx };
}

async function countsOf(tenantId: string) {
  const db = await getDb();
  const [mailboxes, assignments, audit] = await Promise.all([
    db.mailbox.count({ where: { tenantId } }),
    db.mailboxAssignment.count({ where: { tenantId } }),
    db.auditEntry.count({ where: { tenantId } }),
  ]);
  return { mailboxes, assignments, audit };
}

const header = "address,display_name,configuration,members";

describe("importing mailboxes from CSV", () => {
  it("imports 500 rows with their assignments, in one go", async () => {
    const { ctx, tenant, admin, member, google, microsoft } = await school();
    const lines = Array.from({ length: 500 }, (_, i) => {
      const members = i % 2 === 0 ? `"${member.email};${admin.email}"` : "";
      const configuration = i % 3 === 0 ? "Microsoft élèves" : "Google staff";
      return `teacher${i}@lycee.test,Teacher ${i},${configuration},${members}`;
    });
    const result = await importMailboxesCsv(ctx, [header, ...lines].join("\n"));
    expect(result).toEqual({ outcome: "imported", count: 500 });
    expect(await countsOf(tenant.id)).toEqual({ mailboxes: 500, assignments: 500, audit: 501 });

    const db = await getDb();
    const row = await db.mailbox.findFirstOrThrow({
      where: { tenantId: tenant.id, address: "teacher3@lycee.test" },
      include: { assignments: true },
    });
    expect(row).toMatchObject({
      displayName: "Teacher 3",
      clientConfigurationId: microsoft.id,
      state: "pending",
    });
    expect(row.assignments).toEqual([]);
    const even = await db.mailbox.findFirstOrThrow({
      where: { tenantId: tenant.id, address: "teacher4@lycee.test" },
      include: { assignments: true },
    });
    expect(even.clientConfigurationId).toBe(google.id);
    expect(even.assignments.map((a) => a.userId).sort()).toEqual([admin.id, member.id].sort());
    const summary = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "mailbox.imported" },
    });
    expect(summary.details).toEqual({ count: 500 });
  });

  it("imports nothing when one row among many is refused, and names the row and why", async () => {
    const { ctx, tenant } = await school();
    const lines = Array.from({ length: 200 }, (_, i) => `m${i}@lycee.test,,Google staff,`);
    lines[136] = "m136@lycee.test,,Google personnel,";
    const result = await importMailboxesCsv(ctx, [header, ...lines].join("\n"));
    expect(result).toEqual({
      outcome: "rows_refused",
      rowCount: 200,
      refused: [
        {
          row: 138,
          address: "m136@lycee.test",
          problems: [
            { key: "mailboxes.import.problems.configurationUnknown", vars: { name: "Google personnel" } },
          ],
        },
      ],
    });
    expect(await countsOf(tenant.id)).toEqual({ mailboxes: 0, assignments: 0, audit: 0 });
    const [refused] = result.outcome === "rows_refused" ? result.refused : [];
    const problem = refused!.problems[0]!;
    expect(createTranslator("fr")(problem.key, problem.vars)).toBe(
      "Aucune application OAuth ne s’appelle «\u00a0Google personnel\u00a0» dans cet établissement.",
    );
  });

  it("reports addresses already there, unknown members and members of another school", async () => {
    const { ctx, tenant, google } = await school();
    const outsider = await seedTenantWithPeople();
    const existing = await seedMailbox(tenant.id, google.id, { address: "office@lycee.test" });
    const result = await importMailboxesCsv(
      ctx,
      [
        header,
        "OFFICE@lycee.test,,Google staff,",
        `new@lycee.test,,google STAFF,"${outsider.member.email};nobody@lycee.test"`,
      ].join("\n"),
    );
    expect(result.outcome === "rows_refused" && result.refused).toEqual([
      { row: 2, address: existing.address, problems: [{ key: "mailboxes.import.problems.alreadyExists" }] },
      {
        row: 3,
        address: "new@lycee.test",
        problems: [
          { key: "mailboxes.import.problems.memberUnknown", vars: { email: outsider.member.email } },
          { key: "mailboxes.import.problems.memberUnknown", vars: { email: "nobody@lycee.test" } },
        ],
      },
    ]);
    expect((await countsOf(tenant.id)).mailboxes).toBe(1);
  });

  it("reads a French Excel file: semicolons, a byte order mark, accents", async () => {
    const { ctx, tenant, microsoft } = await school();
    const teacher = await seedMember(tenant.id, "member", { email: "prof.durand@lycee.test" });
    const text = `\uFEFFaddress;display_name;configuration;members\r\nvie.scolaire@lycee.test;Vie scolaire – Élèves;Microsoft élèves;${teacher.email}\r\n`;
    const result = await importMailboxesCsv(ctx, new TextEncoder().encode(text));
    expect(result).toEqual({ outcome: "imported", count: 1 });
    const db = await getDb();
    const row = await db.mailbox.findFirstOrThrow({
      where: { tenantId: tenant.id },
      include: { assignments: true },
    });
    expect(row).toMatchObject({
      address: "vie.scolaire@lycee.test",
      displayName: "Vie scolaire – Élèves",
      clientConfigurationId: microsoft.id,
    });
    expect(row.assignments.map((a) => a.userId)).toEqual([teacher.id]);
  });

  it("refuses an address written twice in the file, pointing at its first row", async () => {
    const { ctx, tenant } = await school();
    const result = await importMailboxesCsv(
      ctx,
      [
        header,
        "a@lycee.test,,Google staff,",
        "b@lycee.test,,Google staff,",
        "A@Lycee.test,,Google staff,",
      ].join("\n"),
    );
    expect(result.outcome === "rows_refused" && result.refused).toEqual([
      {
        row: 4,
        address: "a@lycee.test",
        problems: [{ key: "mailboxes.import.problems.duplicateInFile", vars: { row: 2 } }],
      },
    ]);
    expect((await countsOf(tenant.id)).mailboxes).toBe(0);
  });

  it("refuses a whole file it cannot read, and a member who tries", async () => {
    const { ctx, tenant, member } = await school();
    expect(await importMailboxesCsv(ctx, "adresse;configuration\nx@y.test;G")).toEqual({
      outcome: "file_refused",
      problem: { key: "mailboxes.import.errors.unknownColumn", vars: { column: "adresse" } },
    });
    const memberCtx = await contextFor(member, tenant);
    await expect(
      importMailboxesCsv(memberCtx, `${header}\nx@lycee.test,,Google staff,`),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await countsOf(tenant.id)).mailboxes).toBe(0);
  });
});
