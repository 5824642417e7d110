import { metricsAccess } from "@/lib/metrics/metrics-access";
import { requestLog } from "@/lib/log/request-log";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this web process and the database's queue figures
 * (docs/metrics.md). Answers 404 unless RELAIS_METRICS_TOKEN is set, then
 * only to `Authorization: Bearer <token>`.
 */
export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"), process.env.RELAIS_METRICS_TOKEN);
  if (access === "disabled") return new Response("Not found\n", { status: 404 });
  if (access === "unauthorized") {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="relais-metrics"', "Cache-Control": "no-store" },
    });
  }
  const { contentType, body } = await renderMetrics({
    database: true,
    log: await requestLog(),
  });
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
