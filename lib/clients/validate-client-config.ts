import type { MessageKey } from "@/lib/i18n/catalog";
import { GMAIL_SEND_SCOPE, transportsFor, type MailTransport } from "@/lib/transports/mail-transports";
import { canonicalScope } from "@/lib/oauth/scope-names";
import type { ClientConfigField, ClientConfigInput } from "./client-config-schema";
import { deriveDeviceEndpoint } from "@/lib/oauth/endpoint-url";
import {
  GOOGLE_MAIL_SCOPE,
  GRAPH_MAIL_SEND_SCOPE,
  MICROSOFT_LOGIN_HOST,
  MICROSOFT_SMTP_SCOPE,
  isMicrosoftKind,
} from "@/lib/oauth/presets";

export type ClientConfigCheck = {
  /** Refused: the configuration cannot be saved like this. */
  errors: Partial<Record<ClientConfigField, MessageKey>>;
  /** Saved, but the administrator should know (catalog keys, each once). */
  warnings: MessageKey[];
};

const GOOGLE_HOSTS = new Set(["accounts.google.com", "oauth2.googleapis.com"]);
const TYPICAL_SMTP_PORTS = new Set([25, 465, 587, 2525]);

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}

function isGoogleMailScope(scope: string): boolean {
  return scope === GOOGLE_MAIL_SCOPE || scope.startsWith("https://www.googleapis.com/auth/gmail.");
}

/**
 * The provider rules a form schema cannot express (see providers.md facts):
 * what Google refuses, what makes SMTP fail later, what yields no refresh token.
 * Runs on input the schema already accepted.
 */
export function checkClientConfig(
  input: ClientConfigInput,
  { hasStoredSecret = false }: { hasStoredSecret?: boolean } = {},
): ClientConfigCheck {
  const errors: ClientConfigCheck["errors"] = {};
  const warnings = new Set<MessageKey>();
  const scopes = input.scopes.map((scope) => scope.toLowerCase());
  const authHost = hostOf(input.authorizationEndpoint);
  const tokenHost = hostOf(input.tokenEndpoint);
  // A "custom" configuration that points at Google or Microsoft gets their rules too.
  const google = input.provider === "google" || [authHost, tokenHost].some((h) => h && GOOGLE_HOSTS.has(h));
  const microsoft =
    isMicrosoftKind(input.provider) ||
    authHost === MICROSOFT_LOGIN_HOST ||
    tokenHost === MICROSOFT_LOGIN_HOST;
  const hasSecret = Boolean(input.clientSecret) || hasStoredSecret;
  const transport: MailTransport = input.transport ?? "smtp";

  if (!transportsFor(input.provider).includes(transport)) {
    errors.transport = "clients.validation.transportNotOffered";
  }
  // The presets' API addresses are the providers' own; a custom provider's must be typed.
  if (input.provider === "custom" && transport !== "smtp" && !input.apiBaseUrl) {
    errors.apiBaseUrl = "clients.validation.apiBaseUrlRequired";
  }

  if (google) {
    // Google answers invalid_scope to mail scopes in the device flow: refuse now, not at connect time.
    if (input.defaultFlow === "device_code" && input.scopes.some(isGoogleMailScope)) {
      errors.defaultFlow = "clients.validation.googleDeviceMailScope";
    }
    // Each transport has its sending scope: SMTP needs the full mail scope, the Gmail API gmail.send.
    if (transport === "smtp" && !input.scopes.includes(GOOGLE_MAIL_SCOPE)) {
      warnings.add("clients.warnings.googleMailScopeMissing");
    }
    if (transport === "gmail_api" && !scopes.includes(GMAIL_SEND_SCOPE.toLowerCase())) {
      warnings.add("clients.warnings.gmailSendScopeMissing");
    }
    if (!hasSecret) errors.clientSecret = "clients.validation.secretRequired";
    if (
      input.provider === "google" &&
      (authHost !== "accounts.google.com" || tokenHost !== "oauth2.googleapis.com")
    ) {
      warnings.add("clients.warnings.googleUnexpectedHost");
    }
  }
  if (microsoft) {
    if (transport === "smtp" && !scopes.includes(MICROSOFT_SMTP_SCOPE.toLowerCase()))
      warnings.add("clients.warnings.microsoftSmtpScopeMissing");
    // A scope without a resource is Microsoft Graph's: Mail.Send is as good as its full name.
    if (transport === "graph" && !scopes.map(canonicalScope).includes(GRAPH_MAIL_SEND_SCOPE.toLowerCase()))
      warnings.add("clients.warnings.graphMailSendScopeMissing");
    if (!scopes.includes("offline_access")) warnings.add("clients.warnings.microsoftOfflineAccessMissing");
    if (
      isMicrosoftKind(input.provider) &&
      (authHost !== MICROSOFT_LOGIN_HOST || tokenHost !== MICROSOFT_LOGIN_HOST)
    ) {
      warnings.add("clients.warnings.microsoftUnexpectedHost");
    }
  }
  // A public client (no secret) is only protected by PKCE.
  if (!hasSecret && !input.pkce) errors.pkce = "clients.validation.pkceRequiredWithoutSecret";
  if (
    input.defaultFlow === "device_code" &&
    !input.deviceEndpoint &&
    !deriveDeviceEndpoint(input.authorizationEndpoint)
  ) {
    errors.deviceEndpoint = "clients.validation.deviceEndpointRequired";
  }
  if (!TYPICAL_SMTP_PORTS.has(input.smtpPort)) warnings.add("clients.warnings.smtpPortUnusual");
  if (
    (input.smtpPort === 465 && input.smtpSecurity === "starttls") ||
    ([25, 587, 2525].includes(input.smtpPort) && input.smtpSecurity === "tls")
  ) {
    warnings.add("clients.warnings.smtpSecurityMismatch");
  }
  return { errors, warnings: [...warnings] };
}
