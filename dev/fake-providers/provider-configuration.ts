import { generateKeyPairSync, randomBytes } from "node:crypto";
import {
  interactionPolicy,
  type Account,
  type AuthorizationCode,
  type BackchannelAuthenticationRequest,
  type Client,
  type PreAuthorizedCode,
  type Configuration,
  type DeviceCode,
  type JWK,
  type KoaContextWithOIDC,
} from "oidc-provider";
import { deviceFlowPages } from "./device-flow-pages";
import { renderErrorFor } from "./error-page";
import { pairKey, type FakeOAuthServer } from "./fake-world";
import { GOOGLE_SCOPE_ALIASES, knownScopes } from "./scope-catalogue";

type ServerState = Omit<FakeOAuthServer, "provider" | "http">;

const DAY = 24 * 3600;

function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    ...(privateKey.export({ format: "jwk" }) as JWK),
    kid: randomBytes(8).toString("hex"),
    use: "sig",
  };
}

function claimsConfig(state: ServerState): Configuration["claims"] {
  if (state.name === "google") {
    const email = ["email", "email_verified"];
    return { openid: ["sub"], email, profile: ["name"], [GOOGLE_SCOPE_ALIASES.email ?? ""]: email };
  }
  return { openid: ["sub"], email: ["email"], profile: ["name", "preferred_username", "oid", "tid"] };
}

function findAccountFor(state: ServerState): NonNullable<Configuration["findAccount"]> {
  return (_ctx, sub): Account | undefined => {
    const mailbox = state.world.mailboxes.byAccount(sub);
    if (!mailbox || mailbox.provider !== state.name) return undefined;
    return {
      accountId: mailbox.accountId,
      claims: () => ({
        sub: mailbox.accountId,
        email: mailbox.email,
        email_verified: true,
        name: mailbox.email.split("@")[0],
        preferred_username: mailbox.email,
        oid: mailbox.accountId,
        tid: "9188040d-6c67-4c5b-b112-36a304b66dad",
      }),
    };
  };
}

type GrantSource = AuthorizationCode | DeviceCode | BackchannelAuthenticationRequest | PreAuthorizedCode;

/** Google: offline access on request, once per consent; Microsoft: whenever offline_access was asked for. */
function issueRefreshTokenFor(state: ServerState) {
  return async (_ctx: KoaContextWithOIDC, client: Client, source: GrantSource): Promise<boolean> => {
    if (!client.grantTypeAllowed("refresh_token")) return false;
    const flags = state.sourceFlags.get(source.jti);
    // Asked once per successful exchange: the code or device code is spent afterwards.
    state.sourceFlags.delete(source.jti);
    if (state.name === "microsoft") return flags?.offline === true;
    if (source.kind === "DeviceCode") return true;
    if (!flags?.offline) return false;
    const key = pairKey(source.accountId, client.clientId);
    if (!flags.forceConsent && state.offlineGranted.has(key)) return false;
    state.offlineGranted.add(key);
    return true;
  };
}

/** Grants belong to the person and the application, not to one browser session, as at the providers. */
function loadExistingGrantFor(state: ServerState) {
  return async (ctx: KoaContextWithOIDC) => {
    const accountId = ctx.oidc.session?.accountId;
    const clientId = ctx.oidc.client?.clientId;
    const chosen = ctx.oidc.result?.consent?.grantId;
    const latest = state.store
      .all("Grant")
      .filter(({ payload }) => payload.accountId === accountId && payload.clientId === clientId)
      .sort((a, b) => (b.payload.iat ?? 0) - (a.payload.iat ?? 0))[0]?.id;
    const grantId = chosen ?? latest;
    return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
  };
}

/** Login is asked again when the application names another account (login_hint) or asks to choose one. */
function interactionPolicyFor(state: ServerState) {
  const policy = interactionPolicy.base();
  policy.get("login")?.checks.add(
    new interactionPolicy.Check(
      "login_hint_mismatch",
      "login_hint names another account",
      "login_required",
      (ctx) => {
        const hint = ctx.oidc.params?.login_hint;
        const accountId = ctx.oidc.session?.accountId;
        if (typeof hint !== "string" || !accountId || ctx.oidc.result?.login) return false;
        return state.world.mailboxes.byAccount(accountId)?.email !== hint.trim().toLowerCase();
      },
    ),
  );
  policy.add(new interactionPolicy.Prompt({ name: "select_account", requestable: true }), 0);
  return policy;
}

export function providerConfiguration(state: ServerState): Configuration {
  const google = state.name === "google";
  const { paths, world } = state;
  return {
    adapter: (model: string) => state.store.adapterFor(model),
    claims: claimsConfig(state),
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    clientBasedCORS: () => false,
    clockTolerance: 0,
    conformIdTokenClaims: false,
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      names: { session: `_fake_${state.name}`, interaction: "_fake_interaction", resume: "_fake_resume" },
    },
    expiresWithSession: () => false,
    extraParams: google
      ? ["access_type", "include_granted_scopes", "hd", "enable_granular_consent"]
      : ["x_fake_offline", "domain_hint"],
    features: {
      devInteractions: { enabled: false },
      deviceFlow: {
        enabled: true,
        charset: "base-20",
        mask: google ? "****-****" : "*********",
        ...deviceFlowPages(state.name),
      },
      revocation: { enabled: false },
      userinfo: { enabled: true },
    },
    findAccount: findAccountFor(state),
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
      policy: interactionPolicyFor(state),
    },
    issueRefreshToken: issueRefreshTokenFor(state),
    jwks: { keys: [signingKey()] },
    loadExistingGrant: loadExistingGrantFor(state),
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    renderError: renderErrorFor(state.name),
    responseTypes: ["code"],
    revokeGrantPolicy: () => true,
    rotateRefreshToken: !google,
    routes: {
      authorization: paths.authorization,
      token: paths.token,
      device_authorization: paths.deviceAuthorization,
      code_verification: paths.codeVerification,
      jwks: paths.jwks,
      userinfo: paths.userinfo,
    },
    scopes: knownScopes(state.name),
    ttl: {
      AccessToken: () => world.settings.accessTokenTtlSeconds,
      AuthorizationCode: 600,
      DeviceCode: google ? 1800 : 900,
      Grant: 20 * 365 * DAY,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * DAY,
      RefreshToken: () => {
        if (!google) return 90 * DAY;
        return world.settings.googleTestingPublishingStatus ? 7 * DAY : 183 * DAY;
      },
    },
  };
}
