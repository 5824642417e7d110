import { retryPendingRevocations } from "@/lib/revocation/retry-pending-revocations";
import type { CliCommand } from "../command";

export const revocationsRetry: CliCommand = {
  name: "revocations:retry",
  summary: "Ask providers again to withdraw grants revoked while they could not be reached.",
  usage: "",
  options: {},
  async run(_values, io) {
    const counts = await retryPendingRevocations();
    io.out(
      `${counts.done} withdrawn, ${counts.retry} still unreachable (retried later), ` +
        `${counts.refused} refused by the provider, ${counts.given_up} given up (see the audit log).`,
    );
  },
};
