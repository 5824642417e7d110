import { checkHealth } from "@/lib/health/check-health";
import { requestLog } from "@/lib/log/request-log";

export const dynamic = "force-dynamic";

/** Public on purpose (load balancers, monitoring): it tells nothing beyond up or down. */
export async function GET() {
  const report = await checkHealth({ log: await requestLog() });
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
