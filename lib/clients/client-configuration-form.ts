import { z } from "zod";

// What the configuration form posts, as text. The provider rules
// (lib/clients/client-config-schema.ts and validate-client-config.ts) run in the
// domain functions, which also serve callers other than the form.
const text = z
  .string({ error: "errors.validation.invalid" })
  .max(5000, { error: "errors.validation.tooLong" });

export const clientConfigurationFormInput = z.object({
  name: text.optional(),
  provider: text.optional(),
  clientId: text.optional(),
  /** Blank keeps the stored secret on edit. */
  clientSecret: text.optional(),
  /** "true": remove the stored secret (edit only). */
  clearSecret: text.optional(),
  /** The secret's expiry day, "YYYY-MM-DD"; blank: not known. Absent: unchanged on edit (unless the secret changes). */
  clientSecretExpiresOn: text.optional(),
  authorizationEndpoint: text.optional(),
  tokenEndpoint: text.optional(),
  deviceEndpoint: text.optional(),
  revocationEndpoint: text.optional(),
  /** Separated by spaces or new lines. */
  scopes: text.optional(),
  defaultFlow: text.optional(),
  /** "true" or "false". */
  pkce: text.optional(),
  smtpHost: text.optional(),
  smtpPort: text.optional(),
  smtpSecurity: text.optional(),
  /** "smtp", "graph" or "gmail_api"; absent: SMTP on create, unchanged on edit. */
  transport: text.optional(),
  /** The HTTP API's base address; only a custom configuration keeps one (presets use the provider's). */
  apiBaseUrl: text.optional(),
  /** The directory chosen with the Microsoft preset (tenant ID, organizations or common). */
  microsoftDirectory: text.optional(),
  /** Days before an idle connection is refreshed; blank: the provider's window. Absent: unchanged on edit. */
  keepAliveDays: text.optional(),
  /** Google: "true" when the application is in "Testing" publishing status. Absent: unchanged on edit. */
  googleTesting: text.optional(),
});
export type ClientConfigurationForm = z.infer<typeof clientConfigurationFormInput>;

const id = z.string({ error: "errors.validation.invalid" }).max(100, { error: "errors.validation.invalid" });

export const clientConfigurationIdInput = z.object({ id });
export type ClientConfigurationIdInput = z.infer<typeof clientConfigurationIdInput>;

/** The application's preflight: which mailbox to try (blank: its first connected one). */
export const configurationPreflightInput = z.object({
  id,
  mailboxId: id.optional().transform((value) => value || undefined),
});

export const updateClientConfigurationInput = clientConfigurationFormInput.extend({ id });
