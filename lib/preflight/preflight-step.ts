import type { MessageKey } from "@/lib/i18n/catalog";
import type { MailTransport } from "@/lib/transports/mail-transports";

/**
 * credentials: the token endpoint and client credentials (the configuration's check only);
 * smtp: one XOAUTH2 sign-in; api: the Graph or Gmail API transport's read in its place.
 */
export type PreflightStepName = "credentials" | "token" | "scopes" | "smtp" | "api";
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
  /** Microsoft's admin-consent address, when consent is what is missing. */
  link?: { url: string; platform: boolean };
  /** The provider's or Relais's raw code, shown small for support. */
  code: string | null;
}

export interface PreflightReport {
  mailboxId: string;
  address: string;
  transport: MailTransport;
  steps: PreflightStep[];
}
