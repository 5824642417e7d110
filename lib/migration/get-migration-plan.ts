import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import {
  listenerNeed,
  mailboxProposal,
  senderStatus,
  type ListenerNeed,
  type MailboxProposal,
  type SenderStatus,
} from "./sender-status";

export type PlanRow = {
  address: string;
  domain: string;
  /** From the latest report that lists the sender. */
  messages: number;
  auth: "basic" | "oauth" | "unknown";
  tls10Percent: number;
  tls11Percent: number;
  tls12Percent: number;
  listener: ListenerNeed;
  mailbox: { id: string; state: ConnectionState } | null;
  proposal: MailboxProposal;
  credential: {
    id: string;
    name: string;
    username: string;
    createdAt: Date;
    firstUsedAt: Date | null;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  } | null;
  status: SenderStatus;
  /** Whether the latest import lists it. */
  inLatestImport: boolean;
};

export type PlanImport = {
  id: string;
  periodStart: Date;
  periodEnd: Date;
  fileName: string;
  createdAt: Date;
  senders: number;
  onBasic: number;
  onOauth: number;
  /** Senders of the plan whose credential had been used by the end of this period. */
  moved: number;
};

export type MigrationPlan = {
  rows: PlanRow[];
  imports: PlanImport[];
  totals: { senders: number; done: number } & Record<SenderStatus, number>;
};

/**
 * The plan: one row per sender found in any of the school's imported reports,
 * with its latest line, its mailbox, the relay credential the planner made
 * for it and where it stands; the imports over time; the totals.
 */
export async function getMigrationPlan(ctx: TenantContext, now = new Date()): Promise<MigrationPlan> {
  if (!can(ctx, "migration.write")) throw forbidden();
  const db = await getDb();
  const tenantId = ctx.tenantId;
  const imports = await db.migrationImport.findMany({
    where: { tenantId },
    orderBy: [{ periodEnd: "asc" }, { createdAt: "asc" }],
    select: { id: true, periodStart: true, periodEnd: true, fileName: true, createdAt: true },
  });
  const lines = await db.migrationReportLine.findMany({
    where: { tenantId },
    select: {
      importId: true,
      address: true,
      domain: true,
      messages: true,
      auth: true,
      tls10Percent: true,
      tls11Percent: true,
      tls12Percent: true,
    },
  });
  const order = new Map(imports.map((item, index) => [item.id, index]));
  const byAddress = new Map<string, typeof lines>();
  for (const line of lines) {
    const own = byAddress.get(line.address);
    if (own) own.push(line);
    else byAddress.set(line.address, [line]);
  }
  const addresses = [...byAddress.keys()].sort();
  const [mailboxes, senders] = await Promise.all([
    db.mailbox.findMany({
      where: { tenantId, address: { in: addresses } },
      select: { id: true, address: true, state: true },
    }),
    db.migrationSender.findMany({
      where: { tenantId, address: { in: addresses } },
      select: { address: true, relayCredentialId: true },
    }),
  ]);
  const credentialIds = senders.flatMap((s) => (s.relayCredentialId ? [s.relayCredentialId] : []));
  const credentials = await db.relayCredential.findMany({
    where: { tenantId, id: { in: credentialIds } },
    select: {
      id: true,
      name: true,
      username: true,
      createdAt: true,
      firstUsedAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  const mailboxOf = new Map(mailboxes.map((m) => [m.address, m]));
  // Maps, not find() in a loop: a district's report lists thousands of senders.
  const credentialById = new Map(credentials.map((c) => [c.id, c]));
  const credentialOf = new Map(
    senders.map((s) => [s.address, credentialById.get(s.relayCredentialId ?? "") ?? null]),
  );
  const latestImportId = imports[imports.length - 1]?.id;
  const periodStartOf = new Map(imports.map((item) => [item.id, item.periodStart]));
  const rows = addresses.map((address): PlanRow => {
    const own = byAddress.get(address)!.sort((a, b) => order.get(a.importId)! - order.get(b.importId)!);
    const latest = own[own.length - 1]!;
    const mailbox = mailboxOf.get(address) ?? null;
    const credential = credentialOf.get(address) ?? null;
    const auth = latest.auth as PlanRow["auth"];
    return {
      address,
      domain: latest.domain,
      messages: latest.messages,
      auth,
      tls10Percent: latest.tls10Percent,
      tls11Percent: latest.tls11Percent,
      tls12Percent: latest.tls12Percent,
      listener: listenerNeed(latest),
      mailbox: mailbox ? { id: mailbox.id, state: mailbox.state } : null,
      proposal: mailboxProposal(mailbox),
      credential,
      status: senderStatus(
        {
          latestAuth: auth,
          credential,
          inLatestReport:
            latest.importId === latestImportId
              ? {
                  periodStart: periodStartOf.get(latest.importId)!,
                  onBasic: latest.auth !== "oauth" && latest.messages > 0,
                }
              : null,
        },
        now,
      ),
      inLatestImport: latest.importId === latestImportId,
    };
  });
  const totals = {
    senders: rows.length,
    done: 0,
    oauth: 0,
    moved: 0,
    still_basic: 0,
    waiting: 0,
    quiet: 0,
    to_do: 0,
  };
  for (const row of rows) totals[row.status] += 1;
  totals.done = totals.moved + totals.oauth;
  const linesOf = new Map<string, typeof lines>();
  for (const line of lines) {
    const own = linesOf.get(line.importId);
    if (own) own.push(line);
    else linesOf.set(line.importId, [line]);
  }
  const planImports = imports.map((item): PlanImport => {
    const own = linesOf.get(item.id) ?? [];
    const periodEndNext = new Date(item.periodEnd.getTime() + 86_400_000);
    return {
      ...item,
      senders: own.length,
      onBasic: own.filter((line) => line.auth !== "oauth").length,
      onOauth: own.filter((line) => line.auth === "oauth").length,
      moved: rows.filter((row) => row.credential?.firstUsedAt && row.credential.firstUsedAt < periodEndNext)
        .length,
    };
  });
  return { rows, imports: planImports, totals };
}
