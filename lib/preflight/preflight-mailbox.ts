import { adminConsentLink, isConsentMissingCode } from "@/lib/clients/admin-consent-link";
import { getDb } from "@/lib/db/client";
import { verifyXoauth2, type Xoauth2Check } from "@/lib/smtp/verify-xoauth2";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { ConnectionUnavailableError, TransientTokenError } from "@/lib/tokens/token-errors";
import { apiBaseUrlFor, effectiveTransport, type MailTransport } from "@/lib/transports/mail-transports";
import { sendScopesFor } from "@/lib/transports/transport-scopes";
import { missingScopes } from "@/lib/oauth/missing-scopes";
import { preflightApiStep } from "./preflight-api-step";
import type { PreflightMessage, PreflightReport, PreflightStep } from "./preflight-step";

const msg = (key: PreflightMessage["key"], vars?: Record<string, string>): PreflightMessage =>
  vars ? { key, vars } : { key };

type ConsentConfig = Parameters<typeof adminConsentLink>[0];

/**
 * A step that failed because consent is missing (AADSTS65001, 90094): the
 * admin-consent address of the application the mailbox uses, the school's
 * own or the platform's, with who must open it and what it grants.
 */
export function withAdminConsent(step: PreflightStep, config: ConsentConfig): PreflightStep {
  if (!isConsentMissingCode(step.code)) return step;
  const link = adminConsentLink(config);
  if (!link) return step;
  return {
    ...step,
    fix: msg(link.platform ? "mailboxes.preflight.consent.platformFix" : "mailboxes.preflight.consent.fix"),
    where: msg("mailboxes.preflight.consent.where"),
    link: { url: link.url, platform: link.platform },
  };
}

/** Step 1: an access token the normal way (the stored one, or the single-flight refresh). */
async function tokenStep(
  mailboxId: string,
  tenantId: string,
  config: ConsentConfig,
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
      const step: PreflightStep = {
        step: "token",
        status: "failed",
        result: msg("mailboxes.preflight.token.failed", { state: error.state }),
        // Without a provider's code, the state says what to do (never connected, revoked…).
        fix: error.code ? msg(explained.fix) : msg(`mailboxes.states.${error.state}.fix`),
        code: error.code ?? error.state,
      };
      return { step: withAdminConsent(step, config), accessToken: null };
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
 * The preflight's steps for one mailbox of `tenantId`, without any check of
 * who asks and without recording anything (runPreflight, the configuration's
 * check and the connect flows do that): (1) an access token, got the normal
 * way; (2) the granted scopes against what its transport needs; (3) over
 * SMTP, one real XOAUTH2 sign-in, then QUIT; over Graph or the Gmail API, one
 * read in its place. Null when the tenant has no such mailbox.
 */
export async function preflightMailbox(tenantId: string, mailboxId: string): Promise<PreflightReport | null> {
  const db = await getDb();
  const select = {
    id: true,
    address: true,
    transport: true,
    delegateAccount: true,
    grantedScopes: true,
    clientConfiguration: {
      select: {
        provider: true,
        transport: true,
        smtpHost: true,
        smtpPort: true,
        smtpSecurity: true,
        apiBaseUrl: true,
        clientId: true,
        authorizationEndpoint: true,
        microsoftDirectory: true,
      },
    },
  } as const;
  const mailbox = await db.mailbox.findFirst({ where: { id: mailboxId, tenantId }, select });
  if (!mailbox) return null;
  const config = mailbox.clientConfiguration;
  const transport = effectiveTransport(config, mailbox);

  const token = await tokenStep(mailbox.id, tenantId, config);
  // A refresh may have stored the scopes the provider granted this time.
  const fresh = await db.mailbox.findFirst({
    where: { id: mailbox.id, tenantId },
    select: { grantedScopes: true },
  });
  const required = sendScopesFor(config, transport, { delegate: mailbox.delegateAccount !== null });
  const steps = [token.step, scopesStep(required, (fresh ?? mailbox).grantedScopes, transport)];
  const last = transport === "smtp" ? "smtp" : "api";

  if (token.accessToken === null) {
    steps.push({
      step: last,
      status: "skipped",
      result: msg("mailboxes.preflight.smtp.skipped"),
      fix: null,
      code: null,
    });
  } else if (transport === "smtp") {
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
  } else {
    steps.push(
      await preflightApiStep({
        transport,
        baseUrl: apiBaseUrlFor(config, transport)!,
        accessToken: token.accessToken,
        address: mailbox.address,
        delegate: mailbox.delegateAccount,
      }),
    );
  }
  return { mailboxId: mailbox.id, address: mailbox.address, transport, steps };
}
