import type { Log } from "@/lib/log/log";
import { refreshDatabaseGauges } from "./database-gauges";
import { exposition, type Exposition } from "./metrics";

export type RenderOptions = {
  /**
   * Whether to read the database's figures (queue, leases, mailboxes, webhook
   * deliveries) at this scrape: the portal and the workers do; the relay,
   * which has no Prisma client, serves `exposition()` alone.
   */
  database: boolean;
  log?: Log;
};

/** The text exposition of this process's metrics, as `/api/metrics` and the workers' listeners serve it. */
export async function renderMetrics(options: RenderOptions): Promise<Exposition> {
  if (options.database) await refreshDatabaseGauges(options.log);
  return exposition();
}
