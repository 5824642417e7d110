import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { MessageKey } from "@/lib/i18n/catalog";
import { verifyXoauth2, type Xoauth2Check } from "@/lib/smtp/verify-xoauth2";
import { explainConnectionError } from "@/lib/tokens/explain-connection-error";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { ConnectionUnavailableError, TransientTokenError } from "@/lib/tokens/token-errors";
import { effectiveTransport, type MailTransport } from "@/lib/transports/mail-transports";
import { sendScopesFor } from "@/lib/transports/transport-scopes";
import { isUuid } from "@/lib/ids/is-uuid";
import { missingScopes } from "./missing-scopes";

export type PreflightStepName = "token" | "scopes" | "smtp";
/** skipped: an earlier step failed, so this one could not be tried. */
export type PreflightStatus = "passed" | "failed" | "skipped";
export type PreflightMessage = { key: MessageKey; vars?: Record<string, string> };

export interface PreflightStep {
  step: PreflightStepName;
  status: PreflightStatus;
  /** What was found. */
  result: PreflightMessage;
  /** What to change, and where; null when nothing is to change. */
  fix: PreflightMessage | null;
  /** Where to make that change, when the fix alone does not say. */
  where?: PreflightMessage;
  /** The provider's or Relais's raw code, shown small for support. */
  code: string | null;
}

export interface PreflightReport {
  mailboxId: string;
  address: string;
  transport: MailTransport;
  steps: PreflightStep[];
}

const msg = (key: MessageKey, vars?: Record<string, string>): PreflightMessage =>
  vars ? { key, vars } : { key };

/** Step 1: an access token the normal way (the stored one, or the single-flight refresh). */
async function tokenStep(
  mailboxId: string,
  tenantId: string,
): Promise<{ step: PreflightStep; accessToken: string | null }> {
  try {
    const token = await getAccessToken(mailboxId, { tenantId });
    return {
      step: {
        step: "token",
        status: "passed",
        result: msg("mailboxes.preflight.token.passed"),
        fix: null,
        code: null,
      },
      accessToken: token.accessToken,
    };
  } catch (error) {
    if (error instanceof ConnectionUnavailableError) {
      const explained = explainConnectionError(error.code);
      return {
        step: {
          step: "token",
          status: "failed",
          result: msg("mailboxes.preflight.token.failed", {
            state: error.state,
          }),
          // Without a provider's code, the state says what to do (never connected, revoked…).
          fix: error.code ? msg(explained.fix) : msg(`mailboxes.states.${error.state}.fix`),
          code: error.code ?? error.state,
        },
        accessToken: null,
      };
    }
    if (error instanceof TransientTokenError) {
      return {
        step: {
          step: "token",
          status: "failed",
          result: msg("mailboxes.preflight.token.transient"),
          fix: msg("mailboxes.preflight.token.transientFix"),
          code: error.code,
        },
        accessToken: null,
      };
    }
    throw error;
  }
}

/** Step 2: the granted scopes against those its transport needs to send. */
function scopesStep(required: string[], granted: string[], transport: MailTransport): PreflightStep {
  const missing = missingScopes(required, granted);
  if (missing.length === 0) {
    return {
      step: "scopes",
      status: "passed",
      result: msg("mailboxes.preflight.scopes.passed", { transport }),
      fix: null,
      code: null,
    };
  }
  return {
    step: "scopes",
    status: "failed",
    result: msg("mailboxes.preflight.scopes.failed", { scopes: missing.join(", ") }),
    fix: msg("connections.fixes.reconnectAllScopes"),
    code: "insufficient_scope",
  };
}

/** What an SMTP sign-in's refusal means, with the health line's words for SMTP AUTH switched off. */
function smtpFailure(check: Exclude<Xoauth2Check, { ok: true }>, host: string): PreflightStep {
  const failed = (result: PreflightMessage, fix: PreflightMessage, code: string | null): PreflightStep => ({
    step: "smtp",
    status: "failed",
    result,
    fix,
    code,
  });
  switch (check.reason) {
    case "smtp_auth_disabled":
      // The health line's words for the same state, and where the setting is.
      return {
        ...failed(
          msg("mailboxes.health.smtpAuthDisabled"),
          msg("mailboxes.smtpAuthOff.body"),
          check.detail ?? "5.7.139",
        ),
        where: msg("mailboxes.preflight.smtp.whereSmtpAuth"),
      };
    case "auth_refused":
      return failed(
        msg("mailboxes.preflight.smtp.refused", { host }),
        msg("mailboxes.preflight.smtp.refusedFix"),
        check.detail ?? "auth_refused",
      );
    case "invalid_address":
      return failed(
        msg("mailboxes.preflight.smtp.invalidAddress"),
        msg("mailboxes.preflight.smtp.invalidAddressFix"),
        "invalid_address",
      );
    case "unreachable":
      return failed(
        msg("mailboxes.preflight.smtp.unreachable", { host }),
        msg("mailboxes.preflight.smtp.unreachableFix"),
        check.detail ?? "unreachable",
      );
  }
}

/**
 * Tries a mailbox's way out without sending anything, for the people who
 * manage it: (1) an access token, got the normal way; (2) the granted scopes
 * against what its transport needs; (3) over SMTP, one real XOAUTH2 sign-in
 * to the provider's server, then QUIT. Each step's result is in catalog keys;
 * the outcome per step is recorded as `mailbox.preflight`. Nothing about the
 * mailbox is changed: a failure here holds no mail.
 */
export async function runPreflight(ctx: TenantContext, input: { id: string }): Promise<PreflightReport> {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  const select = {
    id: true,
    address: true,
    transport: true,
    delegateAccount: true,
    grantedScopes: true,
    clientConfiguration: {
      select: { provider: true, transport: true, smtpHost: true, smtpPort: true, smtpSecurity: true },
    },
  } as const;
  const mailbox = await db.mailbox.findFirst({ where: { id: input.id, tenantId: ctx.tenantId }, select });
  if (!mailbox) throw notFound();
  const config = mailbox.clientConfiguration;
  const transport = effectiveTransport(config, mailbox);

  const token = await tokenStep(mailbox.id, ctx.tenantId);
  // A refresh may have stored the scopes the provider granted this time.
  const fresh = await db.mailbox.findFirst({
    where: { id: mailbox.id, tenantId: ctx.tenantId },
    select: { grantedScopes: true },
  });
  const required = sendScopesFor(config, transport, { delegate: mailbox.delegateAccount !== null });
  const steps = [token.step, scopesStep(required, (fresh ?? mailbox).grantedScopes, transport)];

  if (transport === "smtp") {
    if (token.accessToken === null) {
      steps.push({
        step: "smtp",
        status: "skipped",
        result: msg("mailboxes.preflight.smtp.skipped"),
        fix: null,
        code: null,
      });
    } else {
      const check = await verifyXoauth2(
        { host: config.smtpHost, port: config.smtpPort, security: config.smtpSecurity },
        mailbox.delegateAccount ?? mailbox.address,
        token.accessToken,
      );
      steps.push(
        check.ok
          ? {
              step: "smtp",
              status: "passed",
              result: msg("mailboxes.preflight.smtp.passed", { host: config.smtpHost }),
              fix: null,
              code: null,
            }
          : smtpFailure(check, config.smtpHost),
      );
    }
  }

  await db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: "mailbox.preflight",
      targetType: "mailbox",
      targetId: mailbox.id,
      targetLabel: mailbox.address,
      details: {
        transport,
        steps: Object.fromEntries(steps.map((s) => [s.step, s.code ? `${s.status}: ${s.code}` : s.status])),
      },
    }),
  );
  return { mailboxId: mailbox.id, address: mailbox.address, transport, steps };
}
