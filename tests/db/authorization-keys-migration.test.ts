import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Migration } from "@/lib/db/migrations";
import { databaseBefore, errorOf, unrecorded, type FreshDatabase } from "../support/fresh-database";

// The authorizations' and sending hours' tenant keys: an authorization pointing at another school's
// configuration stops the migration, named; the sending hours of a deleted mailbox are dropped.

const MIGRATION = "20261207040317_authorization_tenant_keys";

describe("the authorization tenant keys migration", () => {
  let database: FreshDatabase;
  let target: Migration;
  const ids = {
    schoolA: "00000000-0000-4000-8000-00000000000a",
    schoolB: "00000000-0000-4000-8000-00000000000b",
    configA: "00000000-0000-4000-8000-0000000000ca",
    configB: "00000000-0000-4000-8000-0000000000cb",
    mailboxA: "00000000-0000-4000-8000-0000000000ba",
    deletedMailbox: "00000000-0000-4000-8000-0000000000bf",
    authorization: "00000000-0000-4000-8000-0000000000aa",
  };

  beforeAll(async () => {
    ({ database, target } = await databaseBefore(MIGRATION));
    await database.runner.execInTransaction(
      `INSERT INTO "Tenant" (id, slug, name, "updatedAt") VALUES
         ('${ids.schoolA}', 'school-a', 'School A', now()), ('${ids.schoolB}', 'school-b', 'School B', now());
       INSERT INTO "ClientConfiguration" (id, "tenantId", name, provider, "smtpHost", "smtpPort", "smtpSecurity", "updatedAt")
       VALUES ('${ids.configA}', '${ids.schoolA}', 'Google', 'google', 'smtp.gmail.com', 465, 'tls', now()),
              ('${ids.configB}', '${ids.schoolB}', 'Google', 'google', 'smtp.gmail.com', 465, 'tls', now());
       INSERT INTO "Mailbox" (id, "tenantId", address, "clientConfigurationId", "updatedAt")
       VALUES ('${ids.mailboxA}', '${ids.schoolA}', 'office@school-a.test', '${ids.configA}', now());
       INSERT INTO "OAuthAuthorization" (id, "tenantId", "mailboxId", "clientConfigurationId", "stateHash",
                                         "browserBindingHash", "returnTo", "expiresAt")
       VALUES ('${ids.authorization}', '${ids.schoolA}', '${ids.mailboxA}', '${ids.configB}', 's1', 'b1', '/',
               now() + interval '10 minutes');
       INSERT INTO "MailboxSendingHour" ("tenantId", "mailboxId", hour, messages, recipients) VALUES
         ('${ids.schoolA}', '${ids.mailboxA}', date_trunc('hour', now()), 3, 3),
         ('${ids.schoolA}', '${ids.deletedMailbox}', date_trunc('hour', now()), 5, 5);`,
      unrecorded,
    );
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("refuses while an authorization points at another school's configuration, naming it", async () => {
    const message = await errorOf(database.runner.execInTransaction(target.sql, unrecorded));
    expect(message).toContain("OAuthAuthorization.clientConfigurationId -> ClientConfiguration: 1 row(s)");
    expect(message).toContain(ids.authorization);
    // Nothing changed: the orphan counts are still there.
    const [hours] = await database.runner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MailboxSendingHour"`,
    );
    expect(hours?.n).toBe(2);
  });

  it("applies once it is fixed: the deleted mailbox's counts are gone, and the keys refuse another school's rows", async () => {
    await database.runner.execInTransaction(`DELETE FROM "OAuthAuthorization"`, unrecorded);
    await database.runner.execInTransaction(target.sql, unrecorded);
    const hours = await database.runner.query<{ mailboxId: string }>(
      `SELECT "mailboxId"::text AS "mailboxId" FROM "MailboxSendingHour"`,
    );
    expect(hours.map((h) => h.mailboxId)).toEqual([ids.mailboxA]);
    const refused = await errorOf(
      database.runner.execInTransaction(
        `INSERT INTO "MailboxSendingHour" ("tenantId", "mailboxId", hour, messages, recipients)
         VALUES ('${ids.schoolB}', '${ids.mailboxA}', date_trunc('hour', now()) - interval '1 hour', 1, 1)`,
        unrecorded,
      ),
    );
    expect(refused).toMatch(/foreign key constraint "MailboxSendingHour_tenantId_mailboxId_fkey"/);
  });
});
