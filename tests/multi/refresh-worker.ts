import { createInterface } from "node:readline";
import { disconnectDb } from "@/lib/db/client";
import { getAccessToken } from "@/lib/tokens/get-access-token";

// A separate process for the two-process refresh test: with DATABASE_URL,
// RELAIS_ENCRYPTION_KEY and RELAIS_ALLOW_LOCAL_PROVIDERS from the parent, it
// says "ready", waits for "go" on stdin, then asks for the mailbox's access
// token <count> times at once and prints one JSON line with what it got.
async function main() {
  const [mailboxId = "", tenantId = "", count = "10"] = process.argv.slice(2);
  process.stdout.write("ready\n");
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once("line", () => resolve()));
  lines.close();
  const results = await Promise.allSettled(
    Array.from({ length: Number(count) }, () => getAccessToken(mailboxId, { tenantId })),
  );
  const tokens = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.accessToken] : []));
  const errors = results.flatMap((r) =>
    r.status === "rejected"
      ? [r.reason instanceof Error ? `${r.reason.name}: ${r.reason.message}` : "error"]
      : [],
  );
  process.stdout.write(
    `${JSON.stringify({ tokens, errors, refreshed: results.filter((r) => r.status === "fulfilled" && r.value.refreshed).length })}\n`,
  );
}

main()
  .catch((error: unknown) => {
    process.stdout.write(`${JSON.stringify({ tokens: [], errors: [String(error)], refreshed: 0 })}\n`);
  })
  .finally(() => disconnectDb().catch(() => undefined));
