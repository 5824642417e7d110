import { z } from "zod";
import { getKeyring } from "@/lib/crypto/keyring";
import { rotateSecrets } from "@/lib/secrets/rotate-secrets";
import { parseCommandInput, type CliCommand } from "../command";

const schema = z.object({
  batchSize: z.coerce
    .number({ error: "errors.validation.invalid" })
    .int({ error: "errors.validation.invalid" })
    .min(1, { error: "errors.validation.invalid" })
    .max(10_000, { error: "errors.validation.invalid" })
    .default(500),
});

export const secretsRotate: CliCommand = {
  name: "secrets:rotate",
  summary: "Re-encrypt every stored secret under the newest key of RELAIS_ENCRYPTION_KEYS.",
  usage: "[--batch-size <n>]",
  options: { "batch-size": { type: "string" } },
  async run(values, io) {
    const { batchSize } = parseCommandInput(
      schema,
      { batchSize: values["batch-size"] },
      { batchSize: "--batch-size" },
    );
    const keyring = getKeyring();
    const reports = await rotateSecrets({ keyring, batchSize });
    let failed = 0;
    for (const report of reports) {
      io.out(
        `${report.column}: ${report.rotated} re-encrypted, ${report.current} already under v${keyring.currentVersion}` +
          (report.changedMeanwhile
            ? `, ${report.changedMeanwhile} changed meanwhile (already current)`
            : "") +
          (report.failed.length ? `, ${report.failed.length} could not be decrypted` : ""),
      );
      for (const id of report.failed) io.err(`  cannot decrypt ${report.column} of row ${id}`);
      failed += report.failed.length;
    }
    if (failed > 0) {
      // A non-zero exit: an old key must not be removed while values still need it.
      throw new Error(
        `${failed} value(s) could not be decrypted with the configured keys; they were left as they are.`,
      );
    }
    io.out(`Done. Every stored secret is under v${keyring.currentVersion}.`);
  },
};
