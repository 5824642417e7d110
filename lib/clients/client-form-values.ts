import { deriveDeviceEndpoint } from "@/lib/oauth/endpoint-url";
import { dayText } from "./client-secret-expiry";
import { inGoogleTesting } from "@/lib/connections/google-testing";
import {
  googlePreset,
  microsoftPreset,
  type ClientPreset,
  type OAuthFlow,
  type ProviderKind,
  type SmtpSecurity,
} from "@/lib/oauth/presets";
import type { MailTransport } from "@/lib/transports/mail-transports";

/** What the configuration form starts with: text as typed, nothing secret. */
export interface ClientFormValues {
  name: string;
  provider: ProviderKind;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  deviceEndpoint: string;
  revocationEndpoint: string;
  /** One per line. */
  scopes: string;
  defaultFlow: OAuthFlow;
  pkce: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: SmtpSecurity;
  transport: MailTransport;
  /** Typed for a custom configuration; empty for the presets, whose API address is fixed. */
  apiBaseUrl: string;
  microsoftDirectory: string;
  /** Days, as typed; empty: the provider's keep-alive window. */
  keepAliveDays: string;
  /** Google: the application is in "Testing" (declared, or detected and not cleared). */
  googleTesting: boolean;
  /** The client secret's expiry day, "YYYY-MM-DD"; empty: not known. */
  clientSecretExpiresOn: string;
}

function fromPreset(provider: ProviderKind, name: string, preset: ClientPreset, directory = "") {
  return {
    name,
    provider,
    clientId: "",
    authorizationEndpoint: preset.authorizationEndpoint,
    tokenEndpoint: preset.tokenEndpoint,
    // Microsoft's is derived from the authorization endpoint, as the form does when that changes.
    deviceEndpoint: deriveDeviceEndpoint(preset.authorizationEndpoint) ?? preset.deviceEndpoint ?? "",
    revocationEndpoint: preset.revocationEndpoint ?? "",
    scopes: preset.scopes.join("\n"),
    defaultFlow: preset.defaultFlow,
    pkce: preset.pkce,
    smtpHost: preset.smtpHost,
    smtpPort: String(preset.smtpPort),
    smtpSecurity: preset.smtpSecurity,
    transport: "smtp",
    apiBaseUrl: "",
    microsoftDirectory: directory,
    keepAliveDays: "",
    googleTesting: false,
    clientSecretExpiresOn: "",
  } satisfies ClientFormValues;
}

export type PresetChoice =
  | { preset: "google" }
  | { preset: "microsoft"; directory: string }
  | { preset: "platform" }
  | { preset: "custom" };

/**
 * The form's starting values for a preset, from lib/oauth/presets.ts; null
 * for a Microsoft directory that is not one. Every field stays editable.
 */
export function presetFormValues(choice: PresetChoice, name: string): ClientFormValues | null {
  switch (choice.preset) {
    case "google":
      return fromPreset("google", name, googlePreset);
    case "microsoft": {
      const directory = choice.directory.trim().toLowerCase();
      const preset = microsoftPreset(directory);
      return preset && fromPreset("microsoft", name, preset, directory);
    }
    case "platform": {
      // The platform application brings the client ID and endpoints; the rest is Microsoft's.
      const preset = microsoftPreset("organizations")!;
      return {
        ...fromPreset("platform_microsoft", name, preset),
        authorizationEndpoint: "",
        tokenEndpoint: "",
        deviceEndpoint: "",
        revocationEndpoint: "",
      };
    }
    case "custom":
      return {
        name,
        provider: "custom",
        clientId: "",
        authorizationEndpoint: "",
        tokenEndpoint: "",
        deviceEndpoint: "",
        revocationEndpoint: "",
        scopes: "",
        defaultFlow: "authorization_code",
        pkce: true,
        smtpHost: "",
        smtpPort: "587",
        smtpSecurity: "starttls",
        transport: "smtp",
        apiBaseUrl: "",
        microsoftDirectory: "",
        keepAliveDays: "",
        googleTesting: false,
        clientSecretExpiresOn: "",
      };
  }
}

type StoredValues = Omit<
  ClientFormValues,
  | "scopes"
  | "smtpPort"
  | "deviceEndpoint"
  | "revocationEndpoint"
  | "microsoftDirectory"
  | "apiBaseUrl"
  | "keepAliveDays"
  | "clientSecretExpiresOn"
> & {
  keepAliveDays: number | null;
  clientSecretExpiresOn: Date | null;
  googleTestingDetectedAt: Date | null;
  scopes: string[];
  smtpPort: number;
  deviceEndpoint: string | null;
  revocationEndpoint: string | null;
  microsoftDirectory: string | null;
  apiBaseUrl: string | null;
};

/** A stored configuration as the edit form shows it. */
export function formValuesOf(row: StoredValues): ClientFormValues {
  return {
    name: row.name,
    provider: row.provider,
    clientId: row.clientId,
    authorizationEndpoint: row.authorizationEndpoint,
    tokenEndpoint: row.tokenEndpoint,
    deviceEndpoint: row.deviceEndpoint ?? "",
    revocationEndpoint: row.revocationEndpoint ?? "",
    scopes: row.scopes.join("\n"),
    defaultFlow: row.defaultFlow,
    pkce: row.pkce,
    smtpHost: row.smtpHost,
    smtpPort: String(row.smtpPort),
    smtpSecurity: row.smtpSecurity,
    transport: row.transport,
    apiBaseUrl: row.apiBaseUrl ?? "",
    microsoftDirectory: row.microsoftDirectory ?? "",
    keepAliveDays: row.keepAliveDays === null ? "" : String(row.keepAliveDays),
    googleTesting: inGoogleTesting(row),
    clientSecretExpiresOn: dayText(row.clientSecretExpiresOn) ?? "",
  };
}
