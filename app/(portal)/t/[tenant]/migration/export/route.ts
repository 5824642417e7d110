import { routeTenantContext } from "@/lib/auth/route-tenant-context";
import { dayIn } from "@/lib/i18n/dates/time-zones";
import { getTranslator } from "@/lib/i18n/server";
import { getMigrationPlan } from "@/lib/migration/get-migration-plan";
import { planCsv } from "@/lib/migration/plan-csv";

export const dynamic = "force-dynamic";

/** The migration plan as CSV, headers and states in the reader's language. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const access = await routeTenantContext((await params).tenant, "migration.write");
  if (!access.ok) return Response.json({ error: access.error }, { status: access.status });
  const { ctx } = access;
  const [t, plan] = await Promise.all([getTranslator(), getMigrationPlan(ctx)]);
  const day = dayIn(ctx.timeZone, new Date());
  return new Response(planCsv(plan, t, ctx.timeZone), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="migration-plan-${ctx.tenantSlug}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
