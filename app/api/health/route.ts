import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** Public on purpose (load balancers, monitoring): it tells nothing beyond up or down. */
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
