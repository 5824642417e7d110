import { z } from "zod";
import { setOperator } from "@/lib/people/set-operator";
import { cliActor, parseCommandInput, type CliCommand } from "../command";

const schema = z.object({
  email: z
    .string({ error: "errors.validation.email" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "errors.validation.email" })),
});

export const operatorRevoke: CliCommand = {
  name: "operator:revoke",
  summary: "Remove a person's platform operator rights (their account and memberships stay).",
  usage: "--email <email>",
  options: { email: { type: "string" } },
  async run(values, io) {
    const { email } = parseCommandInput(schema, { email: values.email });
    const { changed } = await setOperator(cliActor, { email, isOperator: false });
    io.out(changed ? `${email} is no longer a platform operator.` : `${email} was not a platform operator.`);
  },
};
