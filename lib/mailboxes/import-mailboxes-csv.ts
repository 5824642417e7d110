import { randomUUID } from "node:crypto";
import { DomainError, forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb, type DbTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { auditEntryRow, slices } from "@/lib/audit/audit-entry-rows";
import { parseMailboxCsv, type CsvProblem, type MailboxCsvRow } from "./parse-mailbox-csv";

export type MailboxImportResult =
  | { outcome: "imported"; count: number }
  | { outcome: "file_refused"; problem: CsvProblem }
  | {
      outcome: "rows_refused";
      rowCount: number;
      refused: { row: number; address: string; problems: CsvProblem[] }[];
    };

/**
 * Imports mailboxes from a CSV file, all or nothing: every row is checked
 * first, and a single refused row leaves the tenant unchanged and answers a
 * report of every refused row. Inserts are batched, not one query per row.
 */
export async function importMailboxesCsv(
  ctx: TenantContext,
  file: Uint8Array | string,
): Promise<MailboxImportResult> {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const parsed = parseMailboxCsv(file);
  if (!parsed.ok) return { outcome: "file_refused", problem: parsed.error };
  const db = await getDb();
  try {
    return await db.$transaction((tx) => checkAndInsert(tx, ctx, parsed.rows), {
      maxWait: 10_000,
      timeout: 120_000,
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError("conflict", "mailboxes.import.errors.changedMeanwhile");
    throw error;
  }
}

async function checkAndInsert(
  tx: DbTransaction,
  ctx: TenantContext,
  rows: MailboxCsvRow[],
): Promise<MailboxImportResult> {
  const configurations = await tx.clientConfiguration.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, name: true },
  });
  const existing = await tx.mailbox.findMany({
    where: { tenantId: ctx.tenantId, address: { in: rows.map((r) => r.address) } },
    select: { address: true },
  });
  const memberships = await tx.membership.findMany({
    where: { tenantId: ctx.tenantId, user: { email: { in: [...new Set(rows.flatMap((r) => r.members))] } } },
    select: { userId: true, user: { select: { email: true } } },
  });
  const taken = new Set(existing.map((m) => m.address));
  const memberIdOf = new Map(memberships.map((m) => [m.user.email, m.userId]));
  const configurationOf = configurationFinder(configurations);

  for (const row of rows) {
    if (taken.has(row.address)) row.problems.push({ key: "mailboxes.import.problems.alreadyExists" });
    if (row.configuration && !configurationOf(row.configuration)) {
      row.problems.push({
        key: "mailboxes.import.problems.configurationUnknown",
        vars: { name: row.configuration },
      });
    }
    for (const email of row.members.filter((e) => !memberIdOf.has(e))) {
      row.problems.push({ key: "mailboxes.import.problems.memberUnknown", vars: { email } });
    }
  }
  const refused = rows.filter((row) => row.problems.length > 0);
  if (refused.length > 0) {
    return {
      outcome: "rows_refused",
      rowCount: rows.length,
      refused: refused.map(({ row, address, problems }) => ({ row, address, problems })),
    };
  }

  const mailboxes = rows.map((row) => {
    const configuration = configurationOf(row.configuration)!;
    return { id: randomUUID(), row, configuration };
  });
  for (const slice of slices(mailboxes)) {
    await tx.mailbox.createMany({
      data: slice.map(({ id, row, configuration }) => ({
        id,
        tenantId: ctx.tenantId,
        address: row.address,
        displayName: row.displayName,
        clientConfigurationId: configuration.id,
      })),
    });
  }
  const assignments = mailboxes.flatMap(({ id, row }) =>
    row.members.map((email) => ({ tenantId: ctx.tenantId, mailboxId: id, userId: memberIdOf.get(email)! })),
  );
  for (const slice of slices(assignments)) await tx.mailboxAssignment.createMany({ data: slice });

  const entries = [
    auditEntryRow(ctx, {
      action: "mailbox.imported",
      targetType: "mailbox",
      details: { count: mailboxes.length },
    }),
    ...mailboxes.map(({ id, row, configuration }) =>
      auditEntryRow(ctx, {
        action: "mailbox.created",
        targetType: "mailbox",
        targetId: id,
        targetLabel: row.address,
        details: { source: "csv", configuration: configuration.name, members: row.members },
      }),
    ),
  ];
  for (const slice of slices(entries)) await tx.auditEntry.createMany({ data: slice });
  return { outcome: "imported", count: mailboxes.length };
}

/** By exact name first; else by name whatever the case, when only one configuration matches. */
function configurationFinder(configurations: { id: string; name: string }[]) {
  const exact = new Map(configurations.map((c) => [c.name, c]));
  return (name: string) => {
    const found = exact.get(name);
    if (found) return found;
    const loose = configurations.filter((c) => c.name.toLowerCase() === name.toLowerCase());
    return loose.length === 1 ? loose[0] : undefined;
  };
}
