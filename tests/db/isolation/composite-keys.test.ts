import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { seedTenantWithPeople } from "../../support/factories";
import { seedClientConfiguration, seedMailbox } from "../../support/seed-mailboxes";
import { useTestDatabase } from "../../support/test-db";

// The database itself refuses a child row whose parent is another school's (docs/tenant-scoping.md):
// each insert below names school A as its tenant and one of school B's rows as its parent.

useTestDatabase();

type School = Awaited<ReturnType<typeof seedSchool>>;

async function seedSchool() {
  const db = await getDb();
  const people = await seedTenantWithPeople();
  const tenantId = people.tenant.id;
  const config = await seedClientConfiguration(tenantId);
  const mailbox = await seedMailbox(tenantId, config.id, { state: "connected" });
  const apiKey = await db.apiKey.create({
    data: { tenantId, name: "Key", prefix: "rk_test", keyHash: randomBytes(16).toString("hex") },
  });
  const mail = await db.outgoingMail.create({
    data: {
      tenantId,
      mailboxId: mailbox.id,
      messageId: `<${randomUUID()}@relais.test>`,
      source: "portal",
      to: ["parent@example.org"],
      subject: "Sortie",
      sizeBytes: 10,
      recipientCount: 1,
    },
  });
  const link = await db.connectLink.create({
    data: {
      tenantId,
      mailboxId: mailbox.id,
      tokenHash: randomBytes(16).toString("hex"),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return {
    tenantId,
    connectLinkId: link.id,
    memberId: people.member.id,
    configId: config.id,
    mailboxId: mailbox.id,
    apiKeyId: apiKey.id,
    mailId: mail.id,
  };
}

/** One relation: the insert of a child of `own`'s school whose parent is `parent`'s. */
interface Relation {
  relation: string;
  constraint: string;
  insert: (own: School, parent: School) => Prisma.Sql;
}

const token = () => randomBytes(16).toString("hex");

const relations: Relation[] = [
  {
    relation: "Mailbox → ClientConfiguration",
    constraint: "Mailbox_tenantId_clientConfigurationId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "Mailbox" ("tenantId", address, "clientConfigurationId", "updatedAt")
      VALUES (${own.tenantId}::uuid, ${`box-${token()}@school.test`}, ${parent.configId}::uuid, now())`,
  },
  {
    relation: "MailboxAssignment → Mailbox",
    constraint: "MailboxAssignment_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "MailboxAssignment" ("tenantId", "mailboxId", "userId")
      VALUES (${own.tenantId}::uuid, ${parent.mailboxId}::uuid, ${own.memberId}::uuid)`,
  },
  {
    relation: "MailboxAssignment → Membership",
    constraint: "MailboxAssignment_tenantId_userId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "MailboxAssignment" ("tenantId", "mailboxId", "userId")
      VALUES (${own.tenantId}::uuid, ${own.mailboxId}::uuid, ${parent.memberId}::uuid)`,
  },
  {
    relation: "OAuthAuthorization → Mailbox",
    constraint: "OAuthAuthorization_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "OAuthAuthorization"
        ("tenantId", "mailboxId", "clientConfigurationId", "stateHash", "browserBindingHash", "returnTo", "expiresAt")
      VALUES (${own.tenantId}::uuid, ${parent.mailboxId}::uuid, ${own.configId}::uuid, ${token()}, ${token()},
              '/', now() + interval '10 minutes')`,
  },
  {
    relation: "DeviceAuthorization → Mailbox",
    constraint: "DeviceAuthorization_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "DeviceAuthorization"
        ("tenantId", "mailboxId", "clientConfigurationId", "deviceCodeCipher", "userCode", "verificationUri",
         "intervalSeconds", "expiresAt", "nextPollAt", "updatedAt")
      VALUES (${own.tenantId}::uuid, ${parent.mailboxId}::uuid, ${own.configId}::uuid, 'v1:x', 'ABCD-EFGH',
              'https://microsoft.com/devicelogin', 5, now() + interval '15 minutes', now(), now())`,
  },
  {
    relation: "OAuthAuthorization → ClientConfiguration",
    constraint: "OAuthAuthorization_tenantId_clientConfigurationId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "OAuthAuthorization"
        ("tenantId", "mailboxId", "clientConfigurationId", "stateHash", "browserBindingHash", "returnTo", "expiresAt")
      VALUES (${own.tenantId}::uuid, ${own.mailboxId}::uuid, ${parent.configId}::uuid, ${token()}, ${token()},
              '/', now() + interval '10 minutes')`,
  },
  {
    relation: "OAuthAuthorization → ConnectLink",
    constraint: "OAuthAuthorization_tenantId_connectLinkId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "OAuthAuthorization"
        ("tenantId", "mailboxId", "clientConfigurationId", "connectLinkId", "stateHash", "browserBindingHash",
         "returnTo", "expiresAt")
      VALUES (${own.tenantId}::uuid, ${own.mailboxId}::uuid, ${own.configId}::uuid, ${parent.connectLinkId}::uuid,
              ${token()}, ${token()}, '/', now() + interval '10 minutes')`,
  },
  {
    relation: "DeviceAuthorization → ClientConfiguration",
    constraint: "DeviceAuthorization_tenantId_clientConfigurationId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "DeviceAuthorization"
        ("tenantId", "mailboxId", "clientConfigurationId", "deviceCodeCipher", "userCode", "verificationUri",
         "intervalSeconds", "expiresAt", "nextPollAt", "updatedAt")
      VALUES (${own.tenantId}::uuid, ${own.mailboxId}::uuid, ${parent.configId}::uuid, 'v1:x', 'ABCD-EFGH',
              'https://microsoft.com/devicelogin', 5, now() + interval '15 minutes', now(), now())`,
  },
  {
    relation: "DeviceAuthorization → ConnectLink",
    constraint: "DeviceAuthorization_tenantId_connectLinkId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "DeviceAuthorization"
        ("tenantId", "mailboxId", "clientConfigurationId", "connectLinkId", "deviceCodeCipher", "userCode",
         "verificationUri", "intervalSeconds", "expiresAt", "nextPollAt", "updatedAt")
      VALUES (${own.tenantId}::uuid, ${own.mailboxId}::uuid, ${own.configId}::uuid, ${parent.connectLinkId}::uuid,
              'v1:x', 'ABCD-EFGH', 'https://microsoft.com/devicelogin', 5, now() + interval '15 minutes', now(), now())`,
  },
  {
    relation: "MailboxSendingHour → Mailbox",
    constraint: "MailboxSendingHour_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "MailboxSendingHour" ("tenantId", "mailboxId", hour, messages, recipients)
      VALUES (${own.tenantId}::uuid, ${parent.mailboxId}::uuid, date_trunc('hour', now()), 1, 1)`,
  },
  {
    relation: "ConnectLink → Mailbox",
    constraint: "ConnectLink_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "ConnectLink" ("tenantId", "mailboxId", "tokenHash", "expiresAt")
      VALUES (${own.tenantId}::uuid, ${parent.mailboxId}::uuid, ${token()}, now() + interval '1 day')`,
  },
  {
    relation: "ClientSecretReminder → ClientConfiguration",
    constraint: "ClientSecretReminder_tenantId_clientConfigurationId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "ClientSecretReminder" ("tenantId", "clientConfigurationId", "expiresOn", "thresholdDays")
      VALUES (${own.tenantId}::uuid, ${parent.configId}::uuid, '2027-01-31', 30)`,
  },
  {
    relation: "OutgoingMail → Mailbox",
    constraint: "OutgoingMail_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "OutgoingMail"
        ("tenantId", "mailboxId", "messageId", source, "to", subject, "sizeBytes", "recipientCount", "updatedAt")
      VALUES (${own.tenantId}::uuid, ${parent.mailboxId}::uuid, ${`<${token()}@relais.test>`}, 'portal',
              ARRAY['parent@example.org'], 'Sortie', 10, 1, now())`,
  },
  {
    relation: "OutgoingMail → ApiKey",
    constraint: "OutgoingMail_tenantId_apiKeyId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "OutgoingMail"
        ("tenantId", "mailboxId", "apiKeyId", "messageId", source, "to", subject, "sizeBytes", "recipientCount",
         "updatedAt")
      VALUES (${own.tenantId}::uuid, ${own.mailboxId}::uuid, ${parent.apiKeyId}::uuid,
              ${`<${token()}@relais.test>`}, 'api', ARRAY['parent@example.org'], 'Sortie', 10, 1, now())`,
  },
  {
    relation: "OutgoingAttachment → OutgoingMail",
    constraint: "OutgoingAttachment_tenantId_mailId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "OutgoingAttachment" ("tenantId", "mailId", filename, "contentType", content, size)
      VALUES (${own.tenantId}::uuid, ${parent.mailId}::uuid, 'note.pdf', 'application/pdf', '\\x25504446', 4)`,
  },
  {
    relation: "DeliveryAttempt → OutgoingMail",
    constraint: "DeliveryAttempt_tenantId_mailId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "DeliveryAttempt" ("tenantId", "mailId", number, "workerId")
      VALUES (${own.tenantId}::uuid, ${parent.mailId}::uuid, 1, 'w1')`,
  },
  {
    relation: "ApiKeyMailbox → ApiKey",
    constraint: "ApiKeyMailbox_tenantId_apiKeyId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "ApiKeyMailbox" ("tenantId", "apiKeyId", "mailboxId")
      VALUES (${own.tenantId}::uuid, ${parent.apiKeyId}::uuid, ${own.mailboxId}::uuid)`,
  },
  {
    relation: "ApiKeyMailbox → Mailbox",
    constraint: "ApiKeyMailbox_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "ApiKeyMailbox" ("tenantId", "apiKeyId", "mailboxId")
      VALUES (${own.tenantId}::uuid, ${own.apiKeyId}::uuid, ${parent.mailboxId}::uuid)`,
  },
  {
    relation: "RelayCredentialMailbox → Mailbox",
    constraint: "RelayCredentialMailbox_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      WITH credential AS (
        INSERT INTO "RelayCredential" ("tenantId", name, username, "passwordHash", "updatedAt")
        VALUES (${own.tenantId}::uuid, 'Copier', ${`relay-${token()}`}, ${token()}, now()) RETURNING id)
      INSERT INTO "RelayCredentialMailbox" ("tenantId", "credentialId", "mailboxId")
      SELECT ${own.tenantId}::uuid, credential.id, ${parent.mailboxId}::uuid FROM credential`,
  },
  {
    relation: "GrantEndWarning → Mailbox",
    constraint: "GrantEndWarning_tenantId_mailboxId_fkey",
    insert: (own, parent) => Prisma.sql`
      INSERT INTO "GrantEndWarning" ("tenantId", "mailboxId", "endsOn", "thresholdDays", "endsAt", reason)
      VALUES (${own.tenantId}::uuid, ${parent.mailboxId}::uuid, '2027-01-31', 7, '2027-01-31T08:00:00Z', 'provider')`,
  },
];

/** The message of the error the insert ended with, or "" when it was accepted. */
async function refusal(sql: Prisma.Sql): Promise<string> {
  const db = await getDb();
  try {
    await db.$executeRaw(sql);
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe("composite tenant keys", () => {
  let a: School;
  let b: School;
  beforeAll(async () => {
    a = await seedSchool();
    b = await seedSchool();
  });

  it.each(relations)("the database refuses a $relation row whose parent is another school's", async (r) => {
    const own = await seedSchool();
    expect(await refusal(r.insert(own, b))).toMatch(new RegExp(`foreign key constraint.*${r.constraint}`));
    // The same row with a parent of its own school is accepted: the refusal above is the key's, nothing else.
    expect(await refusal(r.insert(own, own))).toBe("");
  });

  it("refuses an update that moves a mail to another school's mailbox", async () => {
    const db = await getDb();
    const message = await refusal(
      Prisma.sql`UPDATE "OutgoingMail" SET "mailboxId" = ${b.mailboxId}::uuid WHERE id = ${a.mailId}::uuid`,
    );
    expect(message).toMatch(/foreign key constraint.*OutgoingMail_tenantId_mailboxId_fkey/);
    const mail = await db.outgoingMail.findUniqueOrThrow({ where: { id: a.mailId } });
    expect(mail.mailboxId).toBe(a.mailboxId);
  });

  it("removing a person from the school removes their assignments, and only theirs", async () => {
    const db = await getDb();
    const school = await seedSchool();
    const people = await db.membership.findMany({ where: { tenantId: school.tenantId } });
    const userIds = people.map((m) => m.userId);
    await db.mailboxAssignment.createMany({
      data: userIds.map((userId) => ({ tenantId: school.tenantId, mailboxId: school.mailboxId, userId })),
    });
    await db.membership.deleteMany({ where: { tenantId: school.tenantId, userId: school.memberId } });
    const left = await db.mailboxAssignment.findMany({ where: { mailboxId: school.mailboxId } });
    expect(left.map((x) => x.userId)).toEqual(userIds.filter((id) => id !== school.memberId));
    expect(userIds).toHaveLength(2);
  });

  it("a deleted mailbox takes its mail, attempts and attachments with it, as before", async () => {
    const db = await getDb();
    const school = await seedSchool();
    await db.deliveryAttempt.create({
      data: { tenantId: school.tenantId, mailId: school.mailId, number: 1, workerId: "w1", outcome: "sent" },
    });
    await db.outgoingMail.update({
      where: { id: school.mailId },
      data: { status: "sent", sentAt: new Date() },
    });
    // Its sent mail is counted in its sending hours, which go too (and are not written back negative).
    expect(await db.mailboxSendingHour.count({ where: { mailboxId: school.mailboxId } })).toBe(1);
    await db.mailbox.delete({ where: { id: school.mailboxId } });
    expect(await db.mailboxSendingHour.count({ where: { mailboxId: school.mailboxId } })).toBe(0);
    expect(await db.outgoingMail.count({ where: { id: school.mailId } })).toBe(0);
    expect(await db.deliveryAttempt.count({ where: { mailId: school.mailId } })).toBe(0);
  });
});
