import { z } from "zod";
import { exportPersonalDataForOperator } from "@/lib/people/export-personal-data";
import { cliActor, parseCommandInput, type CliCommand } from "../command";

export const personEmailSchema = z.object({
  email: z
    .string({ error: "errors.validation.email" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "errors.validation.email" })),
});

export const personExport: CliCommand = {
  name: "person:export",
  summary: "Print as JSON everything Relais holds about a person, in every school (GDPR article 15).",
  usage: "<email>",
  options: {},
  positionals: ["email"],
  async run(values, io) {
    const { email } = parseCommandInput(personEmailSchema, { email: values.email }, { email: "<email>" });
    io.out(JSON.stringify(await exportPersonalDataForOperator(cliActor, email), null, 2));
  },
};
