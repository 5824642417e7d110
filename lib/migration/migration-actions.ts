"use server";

import { tenantAction } from "@/lib/actions/define-action";
import { getLocale } from "@/lib/i18n/server";
import { createTranslator, isMessageKey } from "@/lib/i18n/translate";
import { migrateSender } from "./migrate-sender";
import { migrateSenderSchema } from "./migration-schemas";

/**
 * Acts on one ticked sender of the plan; the page calls it once per sender so
 * that it can show progress. The password of a credential made now is in the
 * answer, once. Connect-link mail goes out in each recipient's language.
 */
export const migrateSenderAction = tenantAction(
  "migration.write",
  migrateSenderSchema,
  async (ctx, input) => {
    const locale = await getLocale();
    const result = await migrateSender(ctx, input);
    const t = createTranslator(locale);
    const problem = result.problem && isMessageKey(result.problem) ? t(result.problem) : result.problem;
    return { ...result, problem };
  },
);
