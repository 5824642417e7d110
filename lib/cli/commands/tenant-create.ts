import { createTenant, createTenantSchema } from "@/lib/tenants/create-tenant";
import { cliActor, parseCommandInput, type CliCommand } from "../command";

export const tenantCreate: CliCommand = {
  name: "tenant:create",
  summary: "Create a tenant (a school).",
  usage: "--slug <slug> --name <name> [--language fr|en] [--time-zone <IANA zone>]",
  options: {
    slug: { type: "string" },
    name: { type: "string" },
    language: { type: "string" },
    "time-zone": { type: "string" },
  },
  async run(values, io) {
    const input = parseCommandInput(
      createTenantSchema,
      { slug: values.slug, name: values.name, locale: values.language, timeZone: values["time-zone"] },
      { locale: "--language", timeZone: "--time-zone" },
    );
    const tenant = await createTenant(cliActor, input);
    io.out(
      `Created tenant ${tenant.slug} (${tenant.name}), id ${tenant.id}, language ${tenant.locale}, time zone ${tenant.timeZone}.`,
    );
  },
};
