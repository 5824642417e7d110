import { z } from "zod";
import { runKeepAliveBatch } from "@/lib/tokens/keep-alive";
import { parseCommandInput, type CliCommand } from "../command";

const count = (max: number, fallback: number) =>
  z.coerce
    .number({ error: "errors.validation.invalid" })
    .int({ error: "errors.validation.invalid" })
    .min(0, { error: "errors.validation.invalid" })
    .max(max, { error: "errors.validation.invalid" })
    .default(fallback);

const schema = z.object({ limit: count(100_000, 200), maxPauseMs: count(60_000, 2_000) });

export const tokensKeepAlive: CliCommand = {
  name: "tokens:keep-alive",
  summary:
    "Refresh connections idle for their keep-alive window (per provider and configuration: Microsoft 30 days, " +
    "Google 60 by default), and retry those failing with unknown errors, so that none dies unused.",
  usage: "[--limit <n>] [--max-pause-ms <ms>]",
  options: { limit: { type: "string" }, "max-pause-ms": { type: "string" } },
  async run(values, io) {
    const { limit, maxPauseMs } = parseCommandInput(
      schema,
      { limit: values.limit, maxPauseMs: values["max-pause-ms"] },
      { limit: "--limit", maxPauseMs: "--max-pause-ms" },
    );
    const report = await runKeepAliveBatch({ limit, maxPauseMs });
    io.out(
      `${report.considered} connection(s) due for renewal: ${report.refreshed.length} refreshed, ` +
        `${report.transient.length} to retry, ${report.unavailable.length} needing a person.`,
    );
    for (const id of report.transient) io.err(`  temporary failure, retried on a later run: mailbox ${id}`);
    for (const id of report.unavailable) io.err(`  refused, owners or admins notified: mailbox ${id}`);
  },
};
