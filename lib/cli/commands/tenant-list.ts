import { listTenantsForOperator } from "@/lib/tenants/list-tenants-for-operator";
import type { CliCommand } from "../command";
import { textTable } from "../text-table";

export const tenantList: CliCommand = {
  name: "tenant:list",
  summary: "List every tenant with its number of members.",
  usage: "[--json]",
  options: { json: { type: "boolean" } },
  async run(values, io) {
    const tenants = await listTenantsForOperator();
    if (values.json) {
      io.out(JSON.stringify(tenants, null, 2));
      return;
    }
    if (tenants.length === 0) {
      io.out("No tenants yet. Create one with: npm run relais -- tenant:create --slug <slug> --name <name>");
      return;
    }
    const rows = tenants.map((tenant) => [
      tenant.slug,
      tenant.name,
      String(tenant.memberCount),
      tenant.createdAt.toISOString().slice(0, 10),
      tenant.suspendedAt ? "suspended" : "active",
    ]);
    for (const line of textTable([["SLUG", "NAME", "MEMBERS", "CREATED", "STATUS"], ...rows])) io.out(line);
  },
};
