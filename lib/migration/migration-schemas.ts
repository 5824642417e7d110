import { z } from "zod";

const DAY_MS = 86_400_000;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "migration.errors.badPeriod" });

/** The period an uploaded report covers, as the admin gives it: at most 90 days, not in the future. */
export const reportPeriodSchema = z
  .object({ periodStart: day, periodEnd: day })
  .transform(({ periodStart, periodEnd }) => ({
    periodStart: new Date(`${periodStart}T00:00:00Z`),
    periodEnd: new Date(`${periodEnd}T00:00:00Z`),
  }))
  .refine(
    ({ periodStart, periodEnd }) =>
      !Number.isNaN(periodStart.getTime()) &&
      !Number.isNaN(periodEnd.getTime()) &&
      periodStart <= periodEnd &&
      periodEnd.getTime() - periodStart.getTime() <= 90 * DAY_MS &&
      periodEnd.getTime() <= Date.now() + DAY_MS,
    { error: "migration.errors.badPeriod" },
  );
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

/**
 * A ticked checkbox: "on" (a form), "true" or true. Not z.coerce.boolean(),
 * which reads the string "false" as true.
 */
const ticked = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/** What the admin asks the planner to do for one ticked sender. */
export const migrateSenderSchema = z.object({
  address: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "errors.validation.email" })),
  createMailbox: ticked,
  sendLink: ticked,
  createCredential: ticked,
  clientConfigurationId: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.uuid({ error: "mailboxes.form.configurationRequired" }).optional(),
  ),
});
export type MigrateSenderInput = z.infer<typeof migrateSenderSchema>;
