import { CONTROL_PATH } from "./control-endpoint";
import type { FakeOAuthServer } from "./fake-world";
import { GMAIL_API_PATH_PREFIX } from "./gmail-api";
import { GRAPH_PATH_PREFIX } from "./graph-api";
import { SMTP_SCOPE } from "./types";

export interface GoogleFakeEndpoints {
  issuer: string;
  baseUrl: string;
  /** Relais' registered form is `${authorizationEndpoint}?prompt=consent&access_type=offline`. */
  authorizationEndpoint: string;
  tokenEndpoint: string;
  deviceEndpoint: string;
  revocationEndpoint: string;
  /** Where a person types the device flow's user code. */
  verificationUrl: string;
  jwksUri: string;
  userinfoEndpoint: string;
  discoveryUrl: string;
  controlUrl: string;
  smtpScope: string;
  /** The Gmail API's base address (stands for `https://gmail.googleapis.com`): `${gmailApiBaseUrl}/gmail/v1/users/me/messages/send`. */
  gmailApiBaseUrl: string;
  /** `https://www.googleapis.com/auth/gmail.send`. */
  gmailSendScope: string;
}

export interface MicrosoftDirectoryEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The authorization endpoint with `authorize` replaced by `devicecode`. */
  deviceEndpoint: string;
  discoveryUrl: string;
}

export interface MicrosoftFakeEndpoints extends MicrosoftDirectoryEndpoints {
  /** oidc-provider's issuer: one for all directories (Microsoft's is per tenant). */
  issuer: string;
  baseUrl: string;
  /** Endpoints for `organizations`, `common`, `consumers` or a tenant GUID. */
  directory(directory: string): MicrosoftDirectoryEndpoints;
  organizations: MicrosoftDirectoryEndpoints;
  common: MicrosoftDirectoryEndpoints;
  verificationUri: string;
  jwksUri: string;
  controlUrl: string;
  smtpScope: string;
  /** Microsoft Graph's base address (stands for `https://graph.microsoft.com`): `${graphBaseUrl}/v1.0/me/sendMail`. */
  graphBaseUrl: string;
  /** `https://graph.microsoft.com/Mail.Send` and `…/Mail.Send.Shared`. */
  graphMailSendScope: string;
  graphMailSendSharedScope: string;
  /** Microsoft has no revocation endpoint. */
  revocationEndpoint: undefined;
}

export function googleEndpoints(server: FakeOAuthServer): GoogleFakeEndpoints {
  const { baseUrl, paths } = server;
  return {
    issuer: baseUrl,
    baseUrl,
    authorizationEndpoint: `${baseUrl}${paths.authorization}`,
    tokenEndpoint: `${baseUrl}${paths.token}`,
    deviceEndpoint: `${baseUrl}${paths.deviceAuthorization}`,
    revocationEndpoint: `${baseUrl}${paths.revocation ?? "/revoke"}`,
    verificationUrl: `${baseUrl}${paths.codeVerification}`,
    jwksUri: `${baseUrl}${paths.jwks}`,
    userinfoEndpoint: `${baseUrl}${paths.userinfo}`,
    discoveryUrl: `${baseUrl}/.well-known/openid-configuration`,
    controlUrl: `${baseUrl}${CONTROL_PATH}`,
    smtpScope: SMTP_SCOPE.google,
    gmailApiBaseUrl: `${baseUrl}${GMAIL_API_PATH_PREFIX}`,
    gmailSendScope: "https://www.googleapis.com/auth/gmail.send",
  };
}

export function microsoftEndpoints(server: FakeOAuthServer): MicrosoftFakeEndpoints {
  const { baseUrl, paths } = server;
  const directory = (name: string): MicrosoftDirectoryEndpoints => ({
    authorizationEndpoint: `${baseUrl}/${name}${paths.authorization}`,
    tokenEndpoint: `${baseUrl}/${name}${paths.token}`,
    deviceEndpoint: `${baseUrl}/${name}${paths.deviceAuthorization}`,
    discoveryUrl: `${baseUrl}/${name}/v2.0/.well-known/openid-configuration`,
  });
  const organizations = directory("organizations");
  return {
    ...organizations,
    issuer: baseUrl,
    baseUrl,
    directory,
    organizations,
    common: directory("common"),
    verificationUri: `${baseUrl}${paths.codeVerification}`,
    jwksUri: `${baseUrl}${paths.jwks}`,
    controlUrl: `${baseUrl}${CONTROL_PATH}`,
    smtpScope: SMTP_SCOPE.microsoft,
    graphBaseUrl: `${baseUrl}${GRAPH_PATH_PREFIX}`,
    graphMailSendScope: "https://graph.microsoft.com/Mail.Send",
    graphMailSendSharedScope: "https://graph.microsoft.com/Mail.Send.Shared",
    revocationEndpoint: undefined,
  };
}
