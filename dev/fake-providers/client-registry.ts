import type { AdapterPayload } from "oidc-provider";
import type { FakeClientRegistration, ProviderName } from "./types";

export interface FakeClient extends FakeClientRegistration {
  /** Microsoft AADSTS7000222: the secret is past its expiry date. */
  secretExpired: boolean;
  /**
   * Microsoft consent missing at the token endpoint: AADSTS65001 (the consent for the application
   * was removed) or AADSTS90094 (a policy leaves the grant to an administrator); false: none.
   */
  consentRequired: false | 65001 | 90094;
}

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/**
 * OAuth applications registered at each fake provider. Relais tenants type their own client ids,
 * so tests register the ones they use; an unknown id is refused the provider's way.
 */
export class ClientRegistry {
  private readonly clients = new Map<string, FakeClient>();

  register(registration: FakeClientRegistration): FakeClient {
    if (!registration.clientId) throw new TypeError("clientId is required");
    if (registration.redirectUris.some((uri) => !URL.canParse(uri))) {
      throw new TypeError(`invalid redirect URI in ${registration.redirectUris.join(", ")}`);
    }
    const client: FakeClient = {
      ...registration,
      redirectUris: [...registration.redirectUris],
      secretExpired: false,
      consentRequired: false,
    };
    this.clients.set(`${registration.provider}:${registration.clientId}`, client);
    return client;
  }

  find(provider: ProviderName, clientId: string): FakeClient | undefined {
    return this.clients.get(`${provider}:${clientId}`);
  }

  require(provider: ProviderName, clientId: string): FakeClient {
    const client = this.find(provider, clientId);
    if (!client) throw new Error(`no fake ${provider} client ${clientId}; register it first`);
    return client;
  }

  /** The metadata oidc-provider validates the client against. */
  metadata(provider: ProviderName, clientId: string): AdapterPayload | undefined {
    const client = this.find(provider, clientId);
    if (!client) return undefined;
    const confidential = client.clientSecret !== undefined;
    return {
      client_id: client.clientId,
      ...(confidential ? { client_secret: client.clientSecret } : {}),
      client_name: client.name ?? client.clientId,
      redirect_uris: client.redirectUris,
      grant_types: ["authorization_code", "refresh_token", DEVICE_CODE_GRANT],
      response_types: ["code"],
      token_endpoint_auth_method: confidential ? "client_secret_post" : "none",
      application_type: "web",
    };
  }
}
