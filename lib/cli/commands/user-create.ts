import { createPerson, createPersonSchema, type CreatePersonResult } from "@/lib/people/create-person";
import {
  cliActor,
  parseCommandInput,
  UsageError,
  type CliCommand,
  type CliIo,
  type CliValues,
} from "../command";

export const personOptions = {
  email: { type: "string" },
  name: { type: "string" },
  password: { type: "string" },
  "password-stdin": { type: "boolean" },
} as const;

async function passwordFrom(values: CliValues, io: CliIo): Promise<string | undefined> {
  if (values["password-stdin"] && values.password !== undefined) {
    throw new UsageError("give either --password or --password-stdin, not both.");
  }
  // `echo "$PASSWORD" |` ends it with a line break that is not part of it.
  if (values["password-stdin"]) return (await io.readStdin()).replace(/\r?\n$/, "");
  return typeof values.password === "string" ? values.password : undefined;
}

function describe(result: CreatePersonResult): string[] {
  const lines = [result.created ? `Created user ${result.email}.` : `User ${result.email} already exists.`];
  if (result.passwordSet) lines.push(result.created ? "Password set." : "Password replaced.");
  else if (result.created) lines.push("No password set: they can sign in with an email link.");
  const membership = result.membership;
  if (membership?.change === "added") {
    lines.push(`Added to tenant ${membership.tenantSlug} as ${membership.role}.`);
  } else if (membership?.change === "role_changed") {
    lines.push(
      `Role in tenant ${membership.tenantSlug} changed from ${membership.previousRole} to ${membership.role}.`,
    );
  } else if (membership) {
    lines.push(`Already ${membership.role} of tenant ${membership.tenantSlug}: unchanged.`);
  }
  if (result.operator === "granted") lines.push("Granted platform operator rights.");
  if (result.operator === "unchanged") lines.push("Already a platform operator: unchanged.");
  return lines;
}

/** user:create and operator:create: one person, created or completed, and what was done. */
export async function createPersonFromArgs(values: CliValues, io: CliIo, isOperator: boolean): Promise<void> {
  const password = await passwordFrom(values, io);
  const input = parseCommandInput(
    createPersonSchema,
    {
      email: values.email,
      name: values.name,
      password,
      tenantSlug: values.tenant,
      role: values.role,
      isOperator,
    },
    { tenantSlug: "--tenant", password: values["password-stdin"] ? "--password-stdin" : "--password" },
  );
  for (const line of describe(await createPerson(cliActor, input))) io.out(line);
}

export const userCreate: CliCommand = {
  name: "user:create",
  summary: "Create a person, or complete an existing one: password, role in a tenant, operator rights.",
  usage:
    "--email <email> [--name <name>] [--password-stdin | --password <password>] " +
    "[--tenant <slug> --role admin|member] [--operator]",
  options: {
    ...personOptions,
    tenant: { type: "string" },
    role: { type: "string" },
    operator: { type: "boolean" },
  },
  run: (values, io) => createPersonFromArgs(values, io, values.operator === true),
};
