import type { Translator } from "@/lib/i18n/translate";
import type { ImportResult } from "./import-report";

/** What the upload route answers, already in the person's language. */
export type ReportUploadAnswer =
  | { outcome: "imported"; senders: number; message: string; regressions: string | null }
  | { outcome: "refused"; message: string; problems: string[] }
  | { outcome: "error"; message: string };

export function reportUploadAnswerOf(
  t: Translator,
  result: ImportResult,
  fileName: string,
): ReportUploadAnswer {
  if (result.ok) {
    return {
      outcome: "imported",
      senders: result.senders,
      message: t("migration.upload.imported", { count: result.senders, file: fileName }),
      regressions:
        result.regressions.length > 0
          ? t("migration.upload.regressions", {
              count: result.regressions.length,
              addresses: result.regressions.join(", "),
            })
          : null,
    };
  }
  return {
    outcome: "refused",
    message: t("migration.upload.refused"),
    problems: result.problems.map(({ line, key, vars }) => {
      const problem = t(key, vars);
      return line === null ? problem : t("migration.upload.problemLine", { line, problem });
    }),
  };
}
