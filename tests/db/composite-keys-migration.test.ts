import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Migration } from "@/lib/db/migrations";
import { databaseBefore, errorOf, unrecorded, type FreshDatabase } from "../support/fresh-database";

// The composite tenant keys' migration first looks for rows that point at another school's rows, names
// each relation with a count, and stops before changing anything; once they are fixed, it applies.

const MIGRATION = "20261207001536_composite_tenant_keys";

describe("the composite tenant keys migration", () => {
  let database: FreshDatabase;
  let target: Migration;
  const ids = {
    schoolA: "00000000-0000-4000-8000-00000000000a",
    schoolB: "00000000-0000-4000-8000-00000000000b",
    configA: "00000000-0000-4000-8000-0000000000ca",
    configB: "00000000-0000-4000-8000-0000000000cb",
    mailboxA: "00000000-0000-4000-8000-0000000000ba",
    person: "00000000-0000-4000-8000-0000000000e1",
    formerMember: "00000000-0000-4000-8000-0000000000e2",
    mailA: "00000000-0000-4000-8000-0000000000da",
  };

  beforeAll(async () => {
    ({ database, target } = await databaseBefore(MIGRATION));
    // What the foreign keys by id alone let through: a mailbox of school A on school B's configuration, an
    // attempt filed under school B for a mail of school A, and an assignment left by a removed member.
    await database.runner.execInTransaction(
      `INSERT INTO "Tenant" (id, slug, name, "updatedAt") VALUES
         ('${ids.schoolA}', 'school-a', 'School A', now()), ('${ids.schoolB}', 'school-b', 'School B', now());
       INSERT INTO "User" (id, email, "updatedAt") VALUES
         ('${ids.person}', 'person@school.test', now()), ('${ids.formerMember}', 'former@school.test', now());
       INSERT INTO "Membership" ("tenantId", "userId", role, "updatedAt") VALUES
         ('${ids.schoolA}', '${ids.person}', 'admin', now());
       INSERT INTO "ClientConfiguration" (id, "tenantId", name, provider, "smtpHost", "smtpPort", "smtpSecurity", "updatedAt")
       VALUES ('${ids.configA}', '${ids.schoolA}', 'Google', 'google', 'smtp.gmail.com', 465, 'tls', now()),
              ('${ids.configB}', '${ids.schoolB}', 'Google', 'google', 'smtp.gmail.com', 465, 'tls', now());
       INSERT INTO "Mailbox" (id, "tenantId", address, "clientConfigurationId", "updatedAt")
       VALUES ('${ids.mailboxA}', '${ids.schoolA}', 'office@school-a.test', '${ids.configB}', now());
       INSERT INTO "MailboxAssignment" ("tenantId", "mailboxId", "userId") VALUES
         ('${ids.schoolA}', '${ids.mailboxA}', '${ids.person}'),
         ('${ids.schoolA}', '${ids.mailboxA}', '${ids.formerMember}');
       INSERT INTO "OutgoingMail" (id, "tenantId", "mailboxId", "messageId", source, subject, "sizeBytes", "recipientCount", "updatedAt")
       VALUES ('${ids.mailA}', '${ids.schoolA}', '${ids.mailboxA}', '<m1@relais.test>', 'portal', 'Sortie', 10, 1, now());
       INSERT INTO "DeliveryAttempt" ("tenantId", "mailId", number, "workerId") VALUES
         ('${ids.schoolB}', '${ids.mailA}', 1, 'w1'), ('${ids.schoolB}', '${ids.mailA}', 2, 'w1');`,
      unrecorded,
    );
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("refuses while rows point at another school's, naming each relation with its count and fix", async () => {
    const message = await errorOf(database.runner.execInTransaction(target.sql, unrecorded));
    expect(message).toContain("Rows that point at another school's rows, or at none");
    expect(message).toContain(
      `Mailbox.clientConfigurationId -> ClientConfiguration: 1 row(s) whose school differs from the row they point at (first: ${ids.mailboxA}); fix: point each mailbox at a configuration of its own school.`,
    );
    expect(message).toMatch(
      /DeliveryAttempt\.mailId -> OutgoingMail: 2 row\(s\) .*fix: set each attempt's tenantId/,
    );
    // Only the relations that have such rows are named.
    expect(message).not.toContain("ConnectLink.mailboxId");
    expect(message).not.toContain("OutgoingMail.mailboxId");
    // Nothing changed: the keys by id alone are still there, the new ones are not.
    const constraints = await database.runner.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conname IN ('Mailbox_clientConfigurationId_fkey', 'Mailbox_tenantId_clientConfigurationId_fkey')`,
    );
    expect(constraints.map((c) => c.conname)).toEqual(["Mailbox_clientConfigurationId_fkey"]);
    const assignments = await database.runner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MailboxAssignment"`,
    );
    expect(assignments[0]?.n).toBe(2);
  });

  it("applies once the rows are fixed, and drops the assignments of people no longer members", async () => {
    await database.runner.execInTransaction(
      `UPDATE "Mailbox" SET "clientConfigurationId" = '${ids.configA}' WHERE id = '${ids.mailboxA}';
       UPDATE "DeliveryAttempt" SET "tenantId" = '${ids.schoolA}' WHERE "mailId" = '${ids.mailA}';`,
      unrecorded,
    );
    expect(await errorOf(database.runner.execInTransaction(target.sql, unrecorded))).toBe("");
    const assignments = await database.runner.query<{ userId: string }>(
      `SELECT "userId" FROM "MailboxAssignment"`,
    );
    expect(assignments.map((a) => a.userId)).toEqual([ids.person]);
    const refused = await errorOf(
      database.runner.execInTransaction(
        `UPDATE "Mailbox" SET "clientConfigurationId" = '${ids.configB}' WHERE id = '${ids.mailboxA}'`,
        unrecorded,
      ),
    );
    expect(refused).toMatch(/foreign key constraint "Mailbox_tenantId_clientConfigurationId_fkey"/);
  });
});
