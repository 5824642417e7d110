import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";

/** The horizons of the connections-ending figures, in days from now. */
export const endingHorizons = [30, 60, 90] as const;
export type EndingHorizon = (typeof endingHorizons)[number];

/** Connected mailboxes whose authorization ends within 30, 60 and 90 days (each counts those before it). */
export type EndingConnections = Record<EndingHorizon, number>;

const DAY_MS = 86_400_000;

/** The horizons as UTC timestamps (ISO, read without zone by the cast), `now` plus 30, 60 and 90 days. */
export function endingHorizonTimes(now: Date): Record<EndingHorizon, string> {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  return { 30: at(30), 60: at(60), 90: at(90) };
}

/**
 * How many of the school's connected mailboxes end within 30, 60 and 90 days: the
 * forecast the mailbox list shows and sorts by (`Mailbox.grantEndsAt`, kept by a
 * trigger: the end the provider announced, or Microsoft's 90 days after the last
 * refresh). A day is 24 hours from now; an end at exactly 30 days counts within 30.
 * An end already passed (the mailbox shows connected until its next use fails) counts
 * within each. Revoked, broken or pending mailboxes, and those without a forecast
 * (Google's), do not count. One index range (`[tenantId, grantEndsAt, address]`).
 */
export async function countEndingConnections(
  ctx: TenantContext,
  now = new Date(),
): Promise<EndingConnections> {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  const h = endingHorizonTimes(now);
  const [row] = await db.$queryRaw<{ d30: number; d60: number; d90: number }[]>`
    SELECT count(*) FILTER (WHERE "grantEndsAt" <= ${h[30]}::timestamp(3))::int AS d30,
           count(*) FILTER (WHERE "grantEndsAt" <= ${h[60]}::timestamp(3))::int AS d60,
           count(*)::int AS d90
    FROM "Mailbox"
    WHERE "tenantId" = ${ctx.tenantId}::uuid AND state = 'connected'
      AND "grantEndsAt" <= ${h[90]}::timestamp(3)`;
  return { 30: Number(row?.d30 ?? 0), 60: Number(row?.d60 ?? 0), 90: Number(row?.d90 ?? 0) };
}
