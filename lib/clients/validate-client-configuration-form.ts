import type { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import type { MessageKey } from "@/lib/i18n/catalog";
import { isMessageKey } from "@/lib/i18n/translate";
import { localProvidersAllowed } from "@/lib/net/outbound-settings";
import { clientConfigSchema, type ClientConfigInput } from "./client-config-schema";
import {
  isMicrosoftDirectory,
  MICROSOFT_LOGIN_HOST,
  type OAuthFlow,
  type ProviderKind,
  type SmtpSecurity,
} from "@/lib/oauth/presets";
import { checkClientConfig } from "./validate-client-config";
import { platformMicrosoftApplication } from "@/lib/platform/platform-application";
import {
  KEEP_ALIVE_MIN_DAYS,
  KEEP_ALIVE_WINDOWS,
  keepAliveFamily,
} from "@/lib/connections/keep-alive-windows";
import type { MailTransport } from "@/lib/transports/mail-transports";
import type { ClientConfigurationForm } from "./client-configuration-form";
import { parseSecretExpiryDay } from "./client-secret-expiry";

/** The columns of a client configuration that the form sets (the secret apart). */
export interface ClientConfigurationFields {
  name: string;
  provider: ProviderKind;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  deviceEndpoint: string | null;
  revocationEndpoint: string | null;
  scopes: string[];
  defaultFlow: OAuthFlow;
  pkce: boolean;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: SmtpSecurity;
  transport: MailTransport;
  /** Typed for a custom configuration only; null: the provider's own (lib/transports). */
  apiBaseUrl: string | null;
  microsoftDirectory: string | null;
  /** Its own keep-alive window, within its provider's bounds; null: the provider's. */
  keepAliveDays: number | null;
  /** Google only: declared in "Testing" publishing status. */
  googleTesting: boolean;
}

export interface ValidatedClientConfiguration {
  fields: ClientConfigurationFields;
  /** A new secret to store; undefined when none was typed. */
  secret: string | undefined;
  /** The secret's typed expiry day ("YYYY-MM-DD"), null when blank, undefined when the form has no such field. */
  secretExpiresOn: string | null | undefined;
  warnings: MessageKey[];
}

type FieldErrors = Record<string, MessageKey>;

// The platform application brings its own client ID, secret and endpoints.
const platformOwned = {
  clientId: true,
  clientSecret: true,
  authorizationEndpoint: true,
  tokenEndpoint: true,
  deviceEndpoint: true,
  revocationEndpoint: true,
} as const;

function collectIssues(error: z.ZodError, into: FieldErrors) {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    into[field] ??= isMessageKey(issue.message) ? issue.message : "errors.validation.invalid";
  }
}

/** `https://login.microsoftonline.com/<directory>/oauth2/...` → the directory, else null. */
function directoryOfEndpoint(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    const directory = url.pathname.split("/")[1] ?? "";
    return url.hostname === MICROSOFT_LOGIN_HOST && isMicrosoftDirectory(directory)
      ? directory.toLowerCase()
      : null;
  } catch {
    return null;
  }
}

const ticked = (value: string | undefined) => value === "true" || value === "on";

/** The typed keep-alive window: blank is the provider's; else whole days within its bounds. */
function keepAliveDaysOf(
  typed: string | undefined,
  config: { provider: ProviderKind; tokenEndpoint: string },
  errors: FieldErrors,
): number | null {
  const text = typed?.trim() ?? "";
  if (text === "") return null;
  const days = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  const { maxDays } = KEEP_ALIVE_WINDOWS[keepAliveFamily(config)];
  if (!Number.isInteger(days) || days < KEEP_ALIVE_MIN_DAYS || days > maxDays) {
    errors.keepAliveDays = "clients.validation.keepAliveDaysInvalid";
    return null;
  }
  return days;
}

/** The typed expiry day of the secret; absent stays undefined (an older caller). */
function secretExpiresOnOf(typed: string | undefined, errors: FieldErrors): string | null | undefined {
  if (typed === undefined) return undefined;
  const day = parseSecretExpiryDay(typed, new Date());
  if (day !== "invalid") return day;
  errors.clientSecretExpiresOn = "clients.validation.secretExpiryInvalid";
  return undefined;
}

function refuse(fieldErrors: FieldErrors): never {
  throw new DomainError("invalid_input", "errors.invalidInput", undefined, fieldErrors);
}

/**
 * The form schema plus the provider rules, in one place for every entry point.
 * Throws DomainError("invalid_input") with a catalog key per field; returns
 * the columns to store and the warnings to show.
 */
export function validateClientConfigurationForm(
  form: ClientConfigurationForm,
  { hasStoredSecret }: { hasStoredSecret: boolean },
): ValidatedClientConfiguration {
  const schema = clientConfigSchema({ allowLocalProviders: localProvidersAllowed() });
  const errors: FieldErrors = {};
  const directoryTyped = form.microsoftDirectory?.trim() ?? "";
  if (form.provider === "microsoft" && directoryTyped && !isMicrosoftDirectory(directoryTyped)) {
    errors.microsoftDirectory = "clients.validation.directoryInvalid";
  }

  if (form.provider === "platform_microsoft") {
    const platform = platformMicrosoftApplication();
    if (!platform) errors.provider = "clients.validation.platformUnavailable";
    const parsed = schema.omit(platformOwned).safeParse(form);
    if (!parsed.success) collectIssues(parsed.error, errors);
    if (!parsed.success || !platform) refuse(errors);
    const effective: ClientConfigInput = {
      ...parsed.data,
      clientId: platform.clientId,
      clientSecret: undefined,
      authorizationEndpoint: platform.authorizationEndpoint,
      tokenEndpoint: platform.tokenEndpoint,
      deviceEndpoint: platform.deviceEndpoint,
      revocationEndpoint: undefined,
    };
    const check = checkClientConfig(effective, { hasStoredSecret: platform.clientSecret !== null });
    Object.assign(errors, check.errors);
    const keepAliveDays = keepAliveDaysOf(form.keepAliveDays, effective, errors);
    if (Object.keys(errors).length > 0) refuse(errors);
    return {
      fields: {
        ...parsed.data,
        clientId: "",
        authorizationEndpoint: "",
        tokenEndpoint: "",
        deviceEndpoint: null,
        revocationEndpoint: null,
        transport: parsed.data.transport ?? "smtp",
        apiBaseUrl: null,
        microsoftDirectory: null,
        keepAliveDays,
        googleTesting: false,
      },
      secret: undefined,
      // The platform's secret is the operator's: the school tracks no expiry of it.
      secretExpiresOn: null,
      warnings: check.warnings,
    };
  }

  const parsed = schema.safeParse(form);
  if (!parsed.success) collectIssues(parsed.error, errors);
  if (!parsed.success) refuse(errors);
  const check = checkClientConfig(parsed.data, { hasStoredSecret });
  Object.assign(errors, check.errors);
  const keepAliveDays = keepAliveDaysOf(form.keepAliveDays, parsed.data, errors);
  const secretExpiresOn = secretExpiresOnOf(form.clientSecretExpiresOn, errors);
  if (Object.keys(errors).length > 0) refuse(errors);
  const { clientSecret, ...data } = parsed.data;
  return {
    fields: {
      ...data,
      deviceEndpoint: data.deviceEndpoint ?? null,
      revocationEndpoint: data.revocationEndpoint ?? null,
      transport: data.transport ?? "smtp",
      // The presets' API addresses are fixed (the provider's own): only a custom one is stored.
      apiBaseUrl: data.provider === "custom" ? (data.apiBaseUrl ?? null) : null,
      microsoftDirectory:
        data.provider === "microsoft"
          ? (directoryOfEndpoint(data.authorizationEndpoint) ?? (directoryTyped.toLowerCase() || null))
          : null,
      keepAliveDays,
      // Only Google has a "Testing" publishing status.
      googleTesting: data.provider === "google" && ticked(form.googleTesting),
    },
    secret: clientSecret,
    secretExpiresOn,
    warnings: check.warnings,
  };
}
