import { DomainError } from "@/lib/errors/domain-error";
import { routeTenantContext } from "@/lib/auth/route-tenant-context";
import { dayIn } from "@/lib/i18n/dates/time-zones";
import { exportMemberData } from "@/lib/members/member-personal-data";

export const dynamic = "force-dynamic";

/** A member's personal data held by this school, as a JSON file (docs/personal-data.md). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ tenant: string; membershipId: string }> },
) {
  const { tenant, membershipId } = await params;
  const access = await routeTenantContext(tenant, "members.write");
  if (!access.ok) return Response.json({ error: access.error }, { status: access.status });
  const { ctx } = access;
  try {
    const { email, data } = await exportMemberData(ctx, membershipId);
    const day = dayIn(ctx.timeZone, new Date());
    // The address in a file name: letters, digits and a few signs only.
    const name = email.replace(/[^A-Za-z0-9@._-]/g, "_");
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="personal-data-${ctx.tenantSlug}-${name}-${day}.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    throw error;
  }
}
