import { failureOf } from "@/lib/actions/run-action";
import { requestIdOf } from "@/lib/http/request-id";
import { routeTenantContext } from "@/lib/auth/route-tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { importAnswerOf, readImportBody, type ImportAnswer } from "@/lib/mailboxes/import-answer";
import { importHeader } from "@/lib/mailboxes/import-header";
import { importMailboxesCsv } from "@/lib/mailboxes/import-mailboxes-csv";

export const dynamic = "force-dynamic";

/**
 * Receives a CSV file as the request body. A route rather than a server
 * action: a 1 MiB file exceeds the server actions' body limit. Checks the
 * session and the permission itself.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const t = await getTranslator();
  const answer = (body: ImportAnswer, status = 200) =>
    Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  if (request.headers.get(importHeader) !== "1") {
    return answer({ outcome: "error", message: t("errors.forbidden") }, 403);
  }
  const access = await routeTenantContext((await params).tenant, "mailboxes.write");
  if (!access.ok) {
    const message = t(access.status === 401 ? "errors.unauthenticated" : "errors.notFound");
    return answer({ outcome: "error", message }, access.status);
  }
  const { ctx } = access;
  const body = await readImportBody(request);
  if (body === null) {
    return answer(
      {
        outcome: "file_refused",
        message: t("mailboxes.import.fileRefused"),
        reason: t("mailboxes.import.errors.tooLarge"),
      },
      413,
    );
  }
  if (body.length === 0)
    return answer({ outcome: "error", message: t("mailboxes.import.errors.noFile") }, 400);
  try {
    return answer(importAnswerOf(t, await importMailboxesCsv(ctx, body)));
  } catch (error) {
    const failure = failureOf(error, t, { requestId: requestIdOf(request), tenantId: ctx.tenantId });
    if (failure.ok) throw error;
    return answer({ outcome: "error", message: failure.message }, failure.code === "internal" ? 500 : 409);
  }
}
