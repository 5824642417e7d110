import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { preflightMailbox, withAdminConsent } from "./preflight-mailbox";
import type { PreflightStep } from "./preflight-step";
import { storePreflight } from "./store-preflight";
import type { ClientTestResult } from "@/lib/clients/client-test-outcome";
import { testClientConfiguration } from "@/lib/clients/test-client-configuration";

export interface ConfigurationPreflightReport {
  configurationId: string;
  /** The mailbox whose sign-in was tried: the one chosen, else the first connected one; null: none. */
  mailbox: { id: string; address: string; chosen: boolean } | null;
  /** The credentials step, then the mailbox's own (token, scopes, SMTP sign-in or API read). */
  steps: PreflightStep[];
}

/** The token endpoint's test in the preflight's words, with the admin-consent link when consent is missing. */
export function credentialsStep(
  result: ClientTestResult,
  config: Parameters<typeof withAdminConsent>[1],
): PreflightStep {
  const code = result.aadsts ? `AADSTS${result.aadsts}` : (result.providerError ?? result.outcome);
  const step: PreflightStep = {
    step: "credentials",
    status: result.success ? "passed" : "failed",
    result: { key: `clients.test.outcomes.${result.outcome}` },
    fix: null,
    code: result.success ? null : code,
  };
  return result.outcome === "consent_required"
    ? withAdminConsent({ ...step, code: result.aadsts ? code : "consent_required" }, config)
    : step;
}

/**
 * The OAuth application's preflight: its token endpoint and credentials (the
 * "Test" of the application page, stored and audited as such), then the
 * preflight of one connected mailbox of the application, the one chosen or
 * else the first by address, kept on that mailbox as its latest check. Only
 * this school's configuration and mailboxes are found.
 */
export async function runConfigurationPreflight(
  ctx: TenantContext,
  input: { id: string; mailboxId?: string },
): Promise<ConfigurationPreflightReport> {
  if (!can(ctx, "clients.write") || !can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  if (input.mailboxId !== undefined && !isUuid(input.mailboxId)) throw notFound();
  const db = await getDb();
  const config = await db.clientConfiguration.findFirst({
    where: { id: input.id, tenantId: ctx.tenantId },
    select: {
      id: true,
      provider: true,
      clientId: true,
      authorizationEndpoint: true,
      microsoftDirectory: true,
    },
  });
  if (!config) throw notFound();
  const mailbox = await db.mailbox.findFirst({
    where: {
      tenantId: ctx.tenantId,
      clientConfigurationId: config.id,
      ...(input.mailboxId ? { id: input.mailboxId } : { state: "connected" }),
    },
    orderBy: { address: "asc" },
    select: { id: true, address: true },
  });
  if (input.mailboxId && !mailbox) throw notFound();

  const tested = await testClientConfiguration(ctx, { id: config.id });
  const steps = [credentialsStep(tested, config)];
  if (!mailbox) return { configurationId: config.id, mailbox: null, steps };
  const report = await preflightMailbox(ctx.tenantId, mailbox.id);
  if (!report) throw notFound();
  await db.$transaction((tx) => storePreflight(tx, ctx, report, "configuration"));
  return {
    configurationId: config.id,
    mailbox: { id: mailbox.id, address: mailbox.address, chosen: Boolean(input.mailboxId) },
    steps: [...steps, ...report.steps],
  };
}
