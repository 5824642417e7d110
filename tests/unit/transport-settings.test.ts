import { describe, expect, it } from "vitest";
import type { ClientConfigInput } from "@/lib/clients/client-config-schema";
import { googlePreset, microsoftPreset } from "@/lib/oauth/presets";
import { checkClientConfig } from "@/lib/clients/validate-client-config";
import { GRAPH_MAIL_SEND_SCOPE } from "@/lib/oauth/presets";
import { GMAIL_SEND_SCOPE } from "@/lib/transports/mail-transports";
import { canonicalScope, scopesLacking } from "@/lib/oauth/scope-names";
import { transportProblem } from "@/lib/transports/transport-problem";

const microsoft = microsoftPreset("organizations")!;
const base: ClientConfigInput = {
  name: "Microsoft",
  provider: "microsoft",
  clientId: "client",
  clientSecret: undefined,
  authorizationEndpoint: microsoft.authorizationEndpoint,
  tokenEndpoint: microsoft.tokenEndpoint,
  deviceEndpoint: undefined,
  revocationEndpoint: undefined,
  scopes: [...microsoft.scopes],
  defaultFlow: "authorization_code",
  pkce: true,
  smtpHost: microsoft.smtpHost,
  smtpPort: 587,
  smtpSecurity: "starttls",
};
const google: ClientConfigInput = {
  ...base,
  name: "Google",
  provider: "google",
  clientSecret: "secret",
  authorizationEndpoint: googlePreset.authorizationEndpoint,
  tokenEndpoint: googlePreset.tokenEndpoint,
  scopes: [...googlePreset.scopes],
  smtpHost: googlePreset.smtpHost,
  smtpPort: 465,
  smtpSecurity: "tls",
};

describe("scope names", () => {
  it("reads Microsoft's short names as their full ones, in any case", () => {
    expect(canonicalScope("SMTP.Send")).toBe("https://outlook.office.com/smtp.send");
    expect(canonicalScope("Mail.Send")).toBe("https://graph.microsoft.com/mail.send");
    expect(canonicalScope("mail.send.shared")).toBe("https://graph.microsoft.com/mail.send.shared");
    expect(scopesLacking([GRAPH_MAIL_SEND_SCOPE], ["openid", "Mail.Send"])).toEqual([]);
    expect(scopesLacking([GRAPH_MAIL_SEND_SCOPE], ["https://outlook.office.com/SMTP.Send"])).toEqual([
      GRAPH_MAIL_SEND_SCOPE,
    ]);
  });
});

describe("a configuration's transport", () => {
  it("checks the sending scope of the transport chosen", () => {
    expect(checkClientConfig(base).warnings).toEqual([]);
    expect(checkClientConfig({ ...base, transport: "graph" }).warnings).toEqual([
      "clients.warnings.graphMailSendScopeMissing",
    ]);
    expect(
      checkClientConfig({ ...base, transport: "graph", scopes: [GRAPH_MAIL_SEND_SCOPE, "offline_access"] })
        .warnings,
    ).toEqual([]);
    expect(checkClientConfig({ ...google, transport: "gmail_api" }).warnings).toEqual([
      "clients.warnings.gmailSendScopeMissing",
    ]);
    // gmail.send is the Gmail API's scope; for SMTP it is not enough.
    expect(
      checkClientConfig({ ...google, transport: "gmail_api", scopes: [GMAIL_SEND_SCOPE] }).warnings,
    ).toEqual([]);
    expect(checkClientConfig({ ...google, scopes: [GMAIL_SEND_SCOPE] }).warnings).toEqual([
      "clients.warnings.googleMailScopeMissing",
    ]);
  });

  it("refuses what the provider does not offer, and an HTTP API without an address for a custom one", () => {
    expect(checkClientConfig({ ...base, transport: "gmail_api" }).errors).toEqual({
      transport: "clients.validation.transportNotOffered",
    });
    expect(checkClientConfig({ ...google, transport: "graph" }).errors).toEqual({
      transport: "clients.validation.transportNotOffered",
    });
    const custom = {
      ...base,
      provider: "custom" as const,
      authorizationEndpoint: "https://id.example.org/a",
    };
    expect(checkClientConfig({ ...custom, transport: "graph" }).errors).toEqual({
      apiBaseUrl: "clients.validation.apiBaseUrlRequired",
    });
    expect(
      checkClientConfig({ ...custom, transport: "graph", apiBaseUrl: "https://api.example.org" }).errors,
    ).toEqual({});
    expect(transportProblem({ provider: "custom", apiBaseUrl: null }, "gmail_api")).toBe("no_api_base");
    expect(transportProblem({ provider: "platform_microsoft", apiBaseUrl: null }, "graph")).toBeNull();
    expect(transportProblem({ provider: "google", apiBaseUrl: null }, "graph")).toBe("not_offered");
  });
});
